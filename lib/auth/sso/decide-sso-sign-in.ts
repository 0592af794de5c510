import type { Role } from "@/lib/generated/prisma/enums";
import type { SsoClaims } from "./claims";
import type { SsoRefusal } from "./refusals";

type Account = { id: string; disabled: boolean; rolesManagedBy: string | null };

export type SsoDecision =
  /** `roles` is null when the account's roles are set in Warden: the provider does not touch them. */
  | { kind: "sign_in"; userId: string; roles: Role[] | null }
  | { kind: "provision"; roles: Role[] }
  | { kind: "offer_link"; userId: string }
  | { kind: "refuse"; reason: SsoRefusal; userId?: string };

/**
 * The linking rules, in one pure function.
 * - An identity is found by (issuer, subject) only.
 * - An unlinked identity gets a new account only with a verified email that no account has.
 * - A verified email that matches an existing account only offers a link: the account is never taken over.
 * - The provider sets roles only on accounts it manages (created by its own sign-in).
 *
 * `linked`: the account linked to (issuer, subject). `sameEmail`: the account with the claimed email,
 * which the caller need only look up when the email is verified. `groupRoles`: the roles the groups map
 * to, or null when the role map cannot be read.
 */
export function decideSsoSignIn(
  claims: SsoClaims,
  linked: Account | null,
  sameEmail: Account | null,
  groupRoles: Role[] | null,
): SsoDecision {
  if (linked) {
    if (linked.disabled) return { kind: "refuse", reason: "disabled", userId: linked.id };
    if (linked.rolesManagedBy !== claims.issuer) return { kind: "sign_in", userId: linked.id, roles: null };
    if (!groupRoles) return { kind: "refuse", reason: "bad_role_map", userId: linked.id };
    return { kind: "sign_in", userId: linked.id, roles: groupRoles };
  }
  if (!claims.email) return { kind: "refuse", reason: "no_email" };
  if (!claims.emailVerified) return { kind: "refuse", reason: "email_not_verified" };
  if (sameEmail?.disabled) return { kind: "refuse", reason: "disabled", userId: sameEmail.id };
  if (sameEmail) return { kind: "offer_link", userId: sameEmail.id };
  if (!groupRoles) return { kind: "refuse", reason: "bad_role_map" };
  return { kind: "provision", roles: groupRoles };
}
