import { randomBytes } from "node:crypto";
import { recordAudit } from "@/lib/audit/record-audit";
import { rolesFromGroups } from "@/lib/auth/oidc-roles";
import type { SsoClaims } from "@/lib/auth/sso/claims";
import { decideSsoSignIn, type SsoDecision } from "@/lib/auth/sso/decide-sso-sign-in";
import { SSO_REFUSALS, type SsoRefusal } from "@/lib/auth/sso/refusals";
import { sha256Hex } from "@/lib/crypto/sha256";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/tx";
import { env } from "@/lib/env";
import type { Role } from "@/lib/generated/prisma/enums";
import { ssoAuditFields } from "./internal/sso-audit";

export const LINK_OFFER_HOURS = 24;

export type SsoSignInResult =
  | { ok: true; userId: string }
  | {
      ok: false;
      reason: SsoRefusal;
      /** With link_required: proves the offer, once, with the account's password. */ linkToken?: string;
    };

export const hashLinkToken = (token: string) => sha256Hex(token);

function groupRoles(groups: unknown): Role[] | null {
  try {
    const e = env();
    return rolesFromGroups(groups, e.OIDC_ROLE_MAP);
  } catch {
    return null;
  }
}

const account = { id: true, disabled: true, rolesManagedBy: true, roles: true } as const;

/**
 * Signs in a single sign-on identity by (issuer, subject), provisions a new one, or refuses with a reason.
 * Every attempt is audited with its issuer and subject, refusals included, and refusals are logged.
 */
export async function signInWithSso(claims: SsoClaims, now = new Date()): Promise<SsoSignInResult> {
  const result = await db().$transaction(async (tx) => {
    const identity = await tx.ssoIdentity.findUnique({
      where: { issuer_subject: { issuer: claims.issuer, subject: claims.subject } },
      select: { id: true, user: { select: account } },
    });
    // Email is read only to offer a link, and only when the provider vouches for it.
    const sameEmail =
      !identity && claims.email && claims.emailVerified
        ? await tx.user.findUnique({ where: { email: claims.email }, select: account })
        : null;
    const decision = decideSsoSignIn(claims, identity?.user ?? null, sameEmail, groupRoles(claims.groups));
    return apply(tx, claims, decision, identity?.id ?? null, identity?.user.roles ?? [], now);
  });
  if (!result.ok) {
    console.warn(
      `[warden] single sign-on refused (${result.reason}): ${SSO_REFUSALS[result.reason]} issuer=${claims.issuer} subject=${claims.subject}`,
    );
  }
  return result;
}

async function apply(
  tx: Tx,
  claims: SsoClaims,
  decision: SsoDecision,
  identityId: string | null,
  rolesBefore: Role[],
  now: Date,
): Promise<SsoSignInResult> {
  const { issuer, subject } = claims;
  switch (decision.kind) {
    case "sign_in": {
      const { userId, roles } = decision;
      const changed = roles !== null && [...roles].sort().join() !== [...rolesBefore].sort().join();
      await tx.user.update({ where: { id: userId }, data: { lastLoginAt: now, ...(changed ? { roles } : {}) } });
      await tx.ssoIdentity.update({ where: { id: identityId! }, data: { lastLoginAt: now, email: claims.email } });
      const fields = ssoAuditFields(claims, userId);
      await recordAudit(tx, {
        ...fields,
        category: "AUTH",
        action: "auth.sso_sign_in",
        target: { type: "User", id: userId },
        attributes: { ...fields.attributes, rolesManagedByProvider: roles !== null },
        before: changed ? { roles: [...rolesBefore].sort() } : undefined,
        after: changed ? { roles: [...roles].sort() } : undefined,
      });
      return { ok: true, userId };
    }
    case "provision": {
      const user = await tx.user.create({
        data: {
          email: claims.email!,
          name: claims.name ?? claims.email!,
          roles: decision.roles,
          rolesManagedBy: issuer,
          lastLoginAt: now,
          ssoIdentities: {
            create: { issuer, subject, email: claims.email, linkedBy: "PROVISIONED", lastLoginAt: now },
          },
        },
      });
      const fields = ssoAuditFields(claims, user.id);
      await recordAudit(tx, [
        {
          ...fields,
          category: "AUTH",
          action: "auth.sso_user_provisioned",
          target: { type: "User", id: user.id },
          after: { email: user.email, roles: [...decision.roles].sort(), rolesManagedBy: issuer },
        },
        { ...fields, category: "AUTH", action: "auth.sso_sign_in", target: { type: "User", id: user.id } },
      ]);
      return { ok: true, userId: user.id };
    }
    case "offer_link": {
      const token = randomBytes(32).toString("base64url");
      const offer = {
        email: claims.email!,
        name: claims.name ?? claims.email!,
        userId: decision.userId,
        tokenHash: hashLinkToken(token),
        createdAt: now,
        expiresAt: new Date(now.getTime() + LINK_OFFER_HOURS * 3_600_000),
      };
      await tx.ssoLinkOffer.upsert({
        where: { issuer_subject: { issuer, subject } },
        create: { issuer, subject, ...offer },
        update: offer,
      });
      await refuse(tx, claims, "link_required", decision.userId);
      return { ok: false, reason: "link_required", linkToken: token };
    }
    case "refuse":
      await refuse(tx, claims, decision.reason, decision.userId);
      return { ok: false, reason: decision.reason };
  }
}

async function refuse(tx: Tx, claims: SsoClaims, reason: SsoRefusal, targetId?: string) {
  const fields = ssoAuditFields(claims, null);
  await recordAudit(tx, {
    ...fields,
    category: "AUTH",
    action: "auth.sso_sign_in",
    outcome: "failure",
    target: targetId ? { type: "User", id: targetId } : undefined,
    attributes: { ...fields.attributes, reason },
  });
}
