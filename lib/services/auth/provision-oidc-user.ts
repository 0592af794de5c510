import { rolesFromGroups } from "@/lib/auth/oidc-roles";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

export type OidcProfile = { sub: string; email: string; name?: string } & Record<string, unknown>;

/**
 * Creates or refreshes a user from an OIDC sign-in. Roles follow the identity provider's groups
 * on every sign-in, so removing someone from a group removes the role. Disabled users stay out.
 */
export async function provisionOidcUser(profile: OidcProfile) {
  const e = env();
  const email = profile.email?.toLowerCase();
  if (!email) return null;
  const roles = rolesFromGroups(profile[e.OIDC_GROUPS_CLAIM], e.OIDC_ROLE_MAP);
  return db().$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { email } });
    if (before?.disabled) return null;
    const user = await tx.user.upsert({
      where: { email },
      create: { email, name: profile.name ?? email, roles },
      update: { roles, lastLoginAt: new Date() },
    });
    const changed = !before || before.roles.join() !== roles.join();
    await recordAudit(tx, {
      actor: { type: "USER", id: user.id, label: email },
      category: "AUTH",
      action: before ? "auth.oidc_sign_in" : "auth.oidc_user_provisioned",
      target: { type: "User", id: user.id },
      before: changed && before ? { roles: before.roles } : undefined,
      after: changed ? { roles } : undefined,
    });
    return user;
  });
}

export function findActiveUserByEmail(email: string) {
  return db().user.findFirst({ where: { email: email.toLowerCase(), disabled: false } });
}
