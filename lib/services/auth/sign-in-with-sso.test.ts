import { expect, it, vi } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { linkSsoIdentity } from "@/lib/services/users/link-sso-identity";
import { seedUser } from "@/prisma/seed/factories";
import { linkSsoIdentityWithPassword } from "./link-sso-identity-with-password";
import { signInWithSso } from "./sign-in-with-sso";

vi.hoisted(() => {
  process.env.OIDC_ROLE_MAP = "sec-admins=ADMIN,sec-approvers=APPROVER";
});

const ISSUER = "https://idp.test.example";
let n = 0;
const claims = (over: Record<string, unknown> = {}) => ({
  issuer: ISSUER,
  subject: `sub-${++n}`,
  email: `sso-${n}@test.local`,
  emailVerified: true,
  name: `SSO ${n}`,
  groups: [] as string[],
  ...over,
});
const ssoRows = (subject: string) =>
  db()
    .auditEvent.findMany({ where: { action: { startsWith: "auth.sso" } }, orderBy: { sequence: "asc" } })
    .then((rows) => rows.filter((r) => (r.attributes as { subject?: string } | null)?.subject === subject));

describeWithDatabase("single sign-on by (issuer, subject)", () => {
  it("an unverified email equal to an admin's is refused, audited with issuer and subject, and the admin is unchanged", async () => {
    const admin = await seedUser({ roles: ["ADMIN"] });
    const before = await db().user.findUniqueOrThrow({ where: { id: admin.id } });
    const c = claims({ email: admin.email, emailVerified: false, groups: [] });
    expect(await signInWithSso(c)).toEqual({ ok: false, reason: "email_not_verified" });

    const after = await db().user.findUniqueOrThrow({ where: { id: admin.id } });
    expect(after).toEqual(before);
    expect(await db().ssoIdentity.count({ where: { userId: admin.id } })).toBe(0);
    expect(await db().ssoLinkOffer.count({ where: { userId: admin.id } })).toBe(0);
    const [row] = await ssoRows(c.subject);
    expect(row).toMatchObject({ action: "auth.sso_sign_in", outcome: "failure", actorId: null });
    expect(row.actorLabel).not.toBe(admin.email);
    expect(row.attributes).toMatchObject({ issuer: ISSUER, subject: c.subject, reason: "email_not_verified" });
  });

  it("provisions a new user with roles from groups and a first lastLoginAt, then demotes it when the group goes", async () => {
    const c = claims({ groups: ["sec-admins"] });
    const first = await signInWithSso(c);
    expect(first.ok).toBe(true);
    const userId = (first as { userId: string }).userId;
    const user = await db().user.findUniqueOrThrow({ where: { id: userId } });
    expect(user).toMatchObject({ roles: ["ADMIN"], rolesManagedBy: ISSUER, passwordHash: null });
    expect(user.lastLoginAt).not.toBeNull();

    // Same subject, new email and no groups: still the same user (found by subject), now a VIEWER.
    const again = await signInWithSso({ ...c, email: "renamed@test.local", groups: [] });
    expect(again).toEqual({ ok: true, userId });
    expect((await db().user.findUniqueOrThrow({ where: { id: userId } })).roles).toEqual(["VIEWER"]);
    const rows = await ssoRows(c.subject);
    expect(rows.map((r) => r.action)).toEqual(["auth.sso_user_provisioned", "auth.sso_sign_in", "auth.sso_sign_in"]);
    expect(rows[2]).toMatchObject({ before: { roles: ["ADMIN"] }, after: { roles: ["VIEWER"] } });
  });

  it("a verified email matching a password account only offers a link; the password proves it once; groups never change its roles", async () => {
    const owner = await seedUser({ roles: ["OWNER"], password: "the owner password" });
    const c = claims({ email: owner.email, groups: ["sec-admins"] });
    const offered = await signInWithSso(c);
    expect(offered).toMatchObject({ ok: false, reason: "link_required", linkToken: expect.any(String) });
    const token = (offered as { linkToken: string }).linkToken;
    expect(await db().ssoIdentity.count({ where: { userId: owner.id } })).toBe(0);
    expect(JSON.stringify(await db().ssoLinkOffer.findMany())).not.toContain(token);

    await expect(
      linkSsoIdentityWithPassword({ token, password: "not the password" }, { address: "192.0.2.10" }),
    ).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    expect(await db().ssoIdentity.count({ where: { userId: owner.id } })).toBe(0);

    await expect(
      linkSsoIdentityWithPassword({ token, password: "the owner password" }, { address: "192.0.2.10" }),
    ).resolves.toEqual({
      email: owner.email,
    });
    await expect(
      linkSsoIdentityWithPassword({ token, password: "the owner password" }, { address: "192.0.2.10" }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await signInWithSso(c)).toEqual({ ok: true, userId: owner.id });
    expect((await db().user.findUniqueOrThrow({ where: { id: owner.id } })).roles).toEqual(["OWNER"]);
    const linked = await db().auditEvent.findFirstOrThrow({ where: { action: "auth.sso_identity_linked" } });
    expect(linked.attributes).toMatchObject({ issuer: ISSUER, subject: c.subject, method: "password" });
  });

  it("an ADMIN links a waiting identity explicitly, audited; an expired offer cannot be used", async () => {
    const target = await seedUser({ roles: ["AUDITOR"] });
    const c = claims({ email: target.email });
    await signInWithSso(c);
    const offer = await db().ssoLinkOffer.findUniqueOrThrow({
      where: { issuer_subject: { issuer: ISSUER, subject: c.subject } },
    });
    const later = new Date(offer.expiresAt.getTime() + 1);
    await expect(linkSsoIdentity(systemActor("test"), offer.id, later)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await linkSsoIdentity(systemActor("test"), offer.id);
    expect(await signInWithSso(c)).toEqual({ ok: true, userId: target.id });
    const row = await db().auditEvent.findFirstOrThrow({ where: { action: "user.sso_identity_linked" } });
    expect(row).toMatchObject({ category: "ADMIN", targetId: target.id });
    expect(row.attributes).toMatchObject({ issuer: ISSUER, subject: c.subject, method: "admin" });
  });

  it("refuses a missing email and a disabled account, each with its reason", async () => {
    const noEmail = claims({ email: undefined, emailVerified: false });
    expect(await signInWithSso(noEmail)).toEqual({ ok: false, reason: "no_email" });
    const c = claims({ groups: ["sec-approvers"] });
    const { userId } = (await signInWithSso(c)) as { userId: string };
    await db().user.update({ where: { id: userId }, data: { disabled: true } });
    expect(await signInWithSso(c)).toEqual({ ok: false, reason: "disabled" });
    expect((await ssoRows(c.subject)).at(-1)?.attributes).toMatchObject({ reason: "disabled", issuer: ISSUER });
    expect((await ssoRows(noEmail.subject))[0].attributes).toMatchObject({ reason: "no_email" });
  });
});
