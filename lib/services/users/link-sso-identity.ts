import { recordAdminAudit } from "@/lib/services/audited-write";
import { AppError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { parseWith } from "@/lib/schemas/parse";
import { ZSsoRecordId } from "@/lib/schemas/sso";
import { registryChanged } from "@/lib/services/servers/shared/registry-changed";

/**
 * An ADMIN's explicit decision that a waiting single sign-on identity belongs to the account it matched.
 * The account's roles stay as they are: the identity provider does not manage an account it did not create.
 */
export async function linkSsoIdentity(actor: Actor, offerId: string, now = new Date()) {
  assertCan(actor, "users.manage");
  const id = parseWith(ZSsoRecordId, offerId, "id");
  return db().$transaction(async (tx) => {
    const offer = await tx.ssoLinkOffer.findUnique({ where: { id } });
    if (!offer || offer.expiresAt <= now) throw new AppError("NOT_FOUND", "Link request not found or expired");
    await tx.ssoLinkOffer.delete({ where: { id: offer.id } });
    const identity = await tx.ssoIdentity.create({
      data: {
        issuer: offer.issuer,
        subject: offer.subject,
        email: offer.email,
        userId: offer.userId,
        linkedBy: "ADMIN",
      },
      select: { id: true, issuer: true, subject: true, email: true, userId: true },
    });
    // Gateways map token subjects to users by these identities: a new one reaches them with the bundle.
    await registryChanged(tx);
    await recordAdminAudit(tx, actor, "user.sso_identity_linked", {
      target: { type: "User", id: offer.userId },
      attributes: { issuer: offer.issuer, subject: offer.subject, email: offer.email, method: "admin" },
    });
    return identity;
  });
}
