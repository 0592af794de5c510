import { checkpointDir } from "@/lib/audit/anchor-folder";
import { verifyChain } from "@/lib/audit/verify-chain";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";

/** Verifies the chain against the trusted keys and the anchors folder (WARDEN_CHECKPOINT_DIR unless given). */
export async function verifyAudit(actor: Actor, options: { anchorsDir?: string } = {}) {
  assertCan(actor, "audit.verify");
  const startedAt = Date.now();
  const result = await verifyChain(db(), { anchorsDir: options.anchorsDir ?? checkpointDir() });
  return { ...result, durationMs: Date.now() - startedAt, verifiedAt: new Date().toISOString() };
}
