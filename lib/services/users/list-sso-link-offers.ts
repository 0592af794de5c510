import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";

/** Single sign-on identities waiting to be linked to an existing account, newest first; expired ones hidden. */
export async function listSsoLinkOffers(actor: Actor, now = new Date()) {
  assertCan(actor, "users.read");
  return db().ssoLinkOffer.findMany({
    where: { expiresAt: { gt: now } },
    select: {
      id: true,
      issuer: true,
      subject: true,
      email: true,
      name: true,
      createdAt: true,
      expiresAt: true,
      user: { select: { id: true, email: true, name: true } },
    },
    orderBy: { createdAt: "desc" },
  });
}

export type SsoLinkOfferView = Awaited<ReturnType<typeof listSsoLinkOffers>>[number];
