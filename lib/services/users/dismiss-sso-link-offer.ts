import { recordAdminAudit } from "@/lib/services/audited-write";
import { AppError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { parseWith } from "@/lib/schemas/parse";
import { ZSsoRecordId } from "@/lib/schemas/sso";

/** An ADMIN refuses a waiting link: the identity stays unlinked and its link token stops working. */
export async function dismissSsoLinkOffer(actor: Actor, offerId: string) {
  assertCan(actor, "users.manage");
  const id = parseWith(ZSsoRecordId, offerId, "id");
  return db().$transaction(async (tx) => {
    const offer = await tx.ssoLinkOffer.findUnique({ where: { id } });
    if (!offer) throw new AppError("NOT_FOUND", "Link request not found");
    await tx.ssoLinkOffer.delete({ where: { id: offer.id } });
    await recordAdminAudit(tx, actor, "user.sso_link_dismissed", {
      target: { type: "User", id: offer.userId },
      attributes: { issuer: offer.issuer, subject: offer.subject, email: offer.email },
    });
    return { ok: true };
  });
}
