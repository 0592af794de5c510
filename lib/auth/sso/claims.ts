/** What Warden reads of an OpenID Connect sign-in, from the ID token and userinfo together. */
export type SsoClaims = {
  /** From the validated ID token: with `subject`, the identity's key. */
  issuer: string;
  subject: string;
  email?: string;
  /** True only when the provider said so, about this very email. */
  emailVerified: boolean;
  name?: string;
  groups: unknown;
};

type RawClaims = Record<string, unknown>;

const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);

/**
 * Merges the ID token's claims with userinfo's. The identity (iss, sub) comes from the signed ID token
 * only. Email and email_verified are read as a pair from one source (userinfo when it has an email), so a
 * verification flag about one address never vouches for another. Some providers send the flag as "true".
 */
export function readSsoClaims(idToken: RawClaims, fromUserinfo: RawClaims | null, groupsClaim: string): SsoClaims {
  const issuer = text(idToken.iss);
  const subject = text(idToken.sub);
  if (!issuer || !subject) throw new Error("The ID token has no iss or sub claim");
  // OpenID Connect Core 5.3.2: a userinfo response about another subject must not be used.
  if (fromUserinfo && fromUserinfo.sub !== idToken.sub) {
    throw new Error("The userinfo response is about another subject than the ID token");
  }
  const userinfo = fromUserinfo ?? {};
  const emailSource = text(userinfo.email) ? userinfo : idToken;
  const email = text(emailSource.email)?.toLowerCase();
  return {
    issuer,
    subject,
    email,
    emailVerified: Boolean(email) && (emailSource.email_verified === true || emailSource.email_verified === "true"),
    name: text(userinfo.name) ?? text(idToken.name) ?? text(userinfo.preferred_username),
    groups: userinfo[groupsClaim] ?? idToken[groupsClaim],
  };
}
