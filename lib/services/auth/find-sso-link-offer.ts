import { db } from "@/lib/db/client";
import { hashLinkToken } from "./sign-in-with-sso";

/** The account a link token offers to link to, while the offer lasts: for the sign-in page to name it. */
export async function findSsoLinkOffer(token: string, now = new Date()) {
  if (token.length < 20 || token.length > 200) return null;
  const offer = await db().ssoLinkOffer.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    select: { expiresAt: true, user: { select: { email: true } } },
  });
  return offer && offer.expiresAt > now ? { email: offer.user.email } : null;
}
