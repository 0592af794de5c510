import { deleteAudited } from "@/lib/services/audited-write";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { parseWith } from "@/lib/schemas/parse";
import { ZSsoRecordId } from "@/lib/schemas/sso";

/** An ADMIN refuses a waiting link: the identity stays unlinked and its link token stops working. */
export async function dismissSsoLinkOffer(actor: Actor, offerId: string) {
  assertCan(actor, "users.manage");
  const id = parseWith(ZSsoRecordId, offerId, "id");
  return deleteAudited(
    actor,
    (tx) => tx.ssoLinkOffer,
    id,
    "Link request not found",
    (offer) => ({
      action: "user.sso_link_dismissed",
      target: { type: "User", id: offer.userId },
      attributes: { issuer: offer.issuer, subject: offer.subject, email: offer.email },
    }),
  );
}
