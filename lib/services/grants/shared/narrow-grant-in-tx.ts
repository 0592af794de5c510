import { recordAdminAudit } from "@/lib/services/audited-write";
import type { Actor } from "@/lib/authz/actor";
import type { Tx } from "@/lib/db/tx";
import { registryChanged } from "@/lib/services/servers/shared/registry-changed";

type Scope = { allowedTools: string[]; allowedOperations: string[]; maxRecords: number | null; expiresAt: Date | null };

/**
 * Applies an already-checked narrowing to a live grant inside the caller's transaction, audited with
 * before and after. Returns the audit record that proves the change.
 */
export async function narrowGrantInTx(
  tx: Tx,
  actor: Actor,
  grant: { id: string; serverId: string } & Scope,
  after: Scope,
  attributes: Record<string, unknown> = {},
) {
  await tx.grant.update({ where: { id: grant.id }, data: { ...after, lastReviewedAt: new Date() } });
  await registryChanged(tx, grant.serverId);
  const before: Scope = {
    allowedTools: grant.allowedTools,
    allowedOperations: grant.allowedOperations,
    maxRecords: grant.maxRecords,
    expiresAt: grant.expiresAt,
  };
  const [record] = await recordAdminAudit(tx, actor, "grant.narrowed", {
    target: { type: "Grant", id: grant.id },
    before,
    after,
    attributes,
  });
  return record;
}
