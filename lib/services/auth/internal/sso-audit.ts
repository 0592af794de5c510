import type { AuditInput } from "@/lib/audit/record-audit";
import type { SsoClaims } from "@/lib/auth/sso/claims";

/**
 * The audit fields every SSO row carries: issuer and subject (the identity's key) and what the provider
 * claimed. The actor is named by email only when that email is verified, so an unverified claim of
 * someone's address never reads as that person in the log.
 */
export function ssoAuditFields(claims: SsoClaims, userId: string | null): Pick<AuditInput, "actor" | "attributes"> {
  const label = claims.email && claims.emailVerified ? claims.email : `sso:${claims.subject}`;
  return {
    actor: { type: "USER", id: userId, label },
    attributes: {
      issuer: claims.issuer,
      subject: claims.subject,
      email: claims.email ?? null,
      emailVerified: claims.emailVerified,
    },
  };
}
