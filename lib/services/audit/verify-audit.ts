import { verifyChain } from "@/lib/audit/verify-chain";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";

export async function verifyAudit(actor: Actor) {
  assertCan(actor, "audit.verify");
  const startedAt = Date.now();
  const result = await verifyChain(db());
  return { ...result, durationMs: Date.now() - startedAt, verifiedAt: new Date().toISOString() };
}
