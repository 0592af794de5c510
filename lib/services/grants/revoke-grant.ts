import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/schemas/parse";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, auditActor, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { ZReasonInput, type TReasonInput } from "@/lib/schemas/grant";
import { registryChanged } from "@/lib/services/servers/internal/registry-changed";
import { writableServerWhere } from "@/lib/services/servers/server-access";

/** Revocation is immediate and final: the next decision on this grant is a deny. */
export async function revokeGrant(actor: Actor, grantId: string, raw: TReasonInput) {
  assertCan(actor, "grants.manage");
  const { reason } = parseWith(ZReasonInput, raw, "revocation");
  return db().$transaction(async (tx) => {
    const grant = await tx.grant.findFirst({ where: { id: grantId, server: await writableServerWhere(tx, actor) } });
    if (!grant) throw new AppError("NOT_FOUND", "Grant not found, or not on a server your team owns");
    if (grant.status === "REVOKED") throw new AppError("CONFLICT", "Grant is already revoked");
    const revoked = await tx.grant.update({
      where: { id: grant.id },
      data: { status: "REVOKED", statusReason: reason },
    });
    await registryChanged(tx, grant.serverId);
    await recordAudit(tx, {
      actor: auditActor(actor),
      category: "ADMIN",
      action: "grant.revoked",
      target: { type: "Grant", id: grant.id },
      before: { status: grant.status },
      after: { status: "REVOKED" },
      attributes: { reason },
    });
    return revoked;
  });
}
