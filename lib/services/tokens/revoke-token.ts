import { recordAdminAudit } from "@/lib/services/audited-write";
import { AppError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { tokensChanged } from "./authenticate-token";
import { tokenSelect } from "./token-view";

export async function revokeToken(actor: Actor, tokenId: string, now = new Date()) {
  assertCan(actor, "tokens.manage");
  return db().$transaction(async (tx) => {
    const current = await tx.apiToken.findUnique({ where: { id: tokenId }, select: tokenSelect });
    if (!current) throw new AppError("NOT_FOUND", "Token not found");
    if (current.revokedAt) throw new AppError("CONFLICT", "Token is already revoked");
    tokensChanged();
    const row = await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: now }, select: tokenSelect });
    await recordAdminAudit(tx, actor, "token.revoked", {
      target: { type: "ApiToken", id: tokenId },
      before: { revokedAt: null },
      after: { name: row.name, prefix: row.prefix, revokedAt: now },
    });
    return row;
  });
}
