import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { ZLinkSsoWithPasswordInput, type TLinkSsoWithPasswordInput } from "@/lib/schemas/sso";
import { parseWith } from "@/lib/schemas/parse";
import { hashLinkToken } from "./sign-in-with-sso";
import { signInWithPassword } from "./sign-in-with-password";
import { registryChanged } from "@/lib/services/servers/shared/registry-changed";

const GONE = "This link request has expired or was already used. Sign in with single sign-on again.";

/**
 * Links the identity of a link offer to its account once the account's password is proved. The password
 * goes through the ordinary password check, so its backoff (by the caller's address) and its audit apply. The roles stay as Warden has
 * them: the identity provider does not manage an account it did not create.
 */
export async function linkSsoIdentityWithPassword(
  raw: TLinkSsoWithPasswordInput,
  client: { address: string },
  now = new Date(),
) {
  const input = parseWith(ZLinkSsoWithPasswordInput, raw, "link request");
  const tokenHash = hashLinkToken(input.token);
  const offer = await db().ssoLinkOffer.findUnique({
    where: { tokenHash },
    select: { id: true, issuer: true, subject: true, email: true, expiresAt: true, user: { select: { email: true } } },
  });
  if (!offer || offer.expiresAt <= now) throw new AppError("NOT_FOUND", GONE);
  const user = await signInWithPassword({ email: offer.user.email, password: input.password }, now, {
    address: client.address,
    device: null,
  });
  return db().$transaction(async (tx) => {
    // Consumed inside the transaction: of two parallel uses, one links and the other finds it gone.
    const consumed = await tx.ssoLinkOffer.deleteMany({ where: { id: offer.id, tokenHash } });
    if (consumed.count === 0) throw new AppError("NOT_FOUND", GONE);
    await tx.ssoIdentity.create({
      data: { issuer: offer.issuer, subject: offer.subject, email: offer.email, userId: user.id, linkedBy: "PASSWORD" },
    });
    await registryChanged(tx);
    await recordAudit(tx, {
      actor: { type: "USER", id: user.id, label: user.email },
      category: "AUTH",
      action: "auth.sso_identity_linked",
      target: { type: "User", id: user.id },
      attributes: { issuer: offer.issuer, subject: offer.subject, email: offer.email, method: "password" },
    });
    return { email: user.email };
  });
}
