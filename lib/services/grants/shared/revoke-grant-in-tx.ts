import { recordAdminAudit } from "@/lib/services/audited-write";
import type { Actor } from "@/lib/authz/actor";
import type { Tx } from "@/lib/db/tx";
import { registryChanged } from "@/lib/services/servers/shared/registry-changed";

/**
 * Revokes a grant inside the caller's transaction, with its audit record; the caller has checked the
 * permission and loaded the grant. Returns the audit record, whose sequence proves the revocation.
 */
export async function revokeGrantInTx(
  tx: Tx,
  actor: Actor,
  grant: { id: string; serverId: string; status: string },
  reason: string,
  attributes: Record<string, unknown> = {},
) {
  await tx.grant.update({ where: { id: grant.id }, data: { status: "REVOKED", statusReason: reason } });
  await registryChanged(tx, grant.serverId);
  const [record] = await recordAdminAudit(tx, actor, "grant.revoked", {
    target: { type: "Grant", id: grant.id },
    before: { status: grant.status },
    after: { status: "REVOKED" },
    attributes: { reason, ...attributes },
  });
  return record;
}
