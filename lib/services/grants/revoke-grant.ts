import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/schemas/parse";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { ZReasonInput, type TReasonInput } from "@/lib/schemas/grant";
import { writableServerWhere } from "@/lib/services/servers/server-access";
import { revokeGrantInTx } from "./shared/revoke-grant-in-tx";

/** Revocation is immediate and final: the next decision on this grant is a deny. */
export async function revokeGrant(actor: Actor, grantId: string, raw: TReasonInput) {
  assertCan(actor, "grants.manage");
  const { reason } = parseWith(ZReasonInput, raw, "revocation");
  return db().$transaction(async (tx) => {
    const grant = await tx.grant.findFirst({ where: { id: grantId, server: await writableServerWhere(tx, actor) } });
    if (!grant) throw new AppError("NOT_FOUND", "Grant not found, or not on a server your team owns");
    if (grant.status === "REVOKED") throw new AppError("CONFLICT", "Grant is already revoked");
    await revokeGrantInTx(tx, actor, grant, reason);
    return { ...grant, status: "REVOKED" as const, statusReason: reason };
  });
}
