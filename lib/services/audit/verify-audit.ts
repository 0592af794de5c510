import { checkpointDir } from "@/lib/audit/anchor-folder";
import { verifyChain } from "@/lib/audit/verify-chain";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";

/**
 * Verifies the chain against the trusted keys and the anchors folder (WARDEN_CHECKPOINT_DIR unless given),
 * from the first record, or with `incremental` from the newest trusted checkpoint on.
 */
export async function verifyAudit(actor: Actor, options: { anchorsDir?: string; incremental?: boolean } = {}) {
  assertCan(actor, "audit.verify");
  const startedAt = Date.now();
  const result = await verifyChain(db(), {
    anchorsDir: options.anchorsDir ?? checkpointDir(),
    incremental: options.incremental,
  });
  return { ...result, durationMs: Date.now() - startedAt, verifiedAt: new Date().toISOString() };
}
