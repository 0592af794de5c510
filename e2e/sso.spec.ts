import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./support/fixtures";
import { e2eEmail } from "./support/users";
import { idpLogin, setIdpAccount, ssoSignIn } from "./support/sso";

// Warden against a real OpenID Connect provider (oidc-provider, default claim rules: the ID token has
// only sub/iss/aud, email and groups come from userinfo; groups under a scope of their own).
// The role map of the e2e server: e2e-sec-admins=ADMIN, e2e-approvers=APPROVER.
test.describe.configure({ timeout: 90_000 });
// Each sign-in is a round of redirects and a password hash or two: give landings time on a busy machine.
const slow = expect.configure({ timeout: 20_000 });
const dashboard = (page: Page) => slow(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
async function signInAsAdmin(page: Page) {
  await signIn(page, e2eEmail("ADMIN"));
  await dashboard(page);
  return page;
}

const nav = (page: Page) => page.getByRole("navigation", { name: "Main" }).getByRole("link");
const NAV = {
  ADMIN: ["Dashboard", "Servers", "Agents", "Approvals", "Reviews", "Findings", "Audit", "Reports", "Settings"],
  APPROVER: ["Dashboard", "Servers", "Agents", "Approvals", "Reviews"],
  OWNER: ["Dashboard", "Servers", "Agents", "Approvals", "Reviews", "Findings"],
  VIEWER: ["Dashboard", "Servers", "Agents"],
};

type UserRow = { id: string; email: string; roles: string[]; lastLoginAt: string | null; passwordHash?: unknown };
const users = async (admin: Page) => (await (await admin.request.get("/api/console/users")).json()) as UserRow[];

for (const [label, groups, role] of [
  ["admin", ["e2e-sec-admins", "unmapped"], "ADMIN"],
  ["approver", ["e2e-approvers"], "APPROVER"],
  ["nogroups", [], "VIEWER"],
] as const) {
  test(`SSO: a user ${groups.length ? `in ${groups[0]}` : "with no groups"} is provisioned as ${role}`, async ({
    page,
    browser,
  }) => {
    const login = idpLogin(label);
    const email = `${login}@sso.test`;
    const context = await browser.newContext();
    const user = await context.newPage();
    await setIdpAccount(user.request, login, {
      email,
      email_verified: true,
      name: `SSO ${label}`,
      groups: [...groups],
    });
    await ssoSignIn(user, login);
    await dashboard(user);
    await expect(nav(user)).toHaveText(NAV[role]);
    await context.close();

    const row = (await users(await signInAsAdmin(page))).find((u) => u.email === email);
    expect(row).toMatchObject({ roles: [role] });
    expect(row?.lastLoginAt).not.toBeNull();
  });
}

test("SSO: an unverified email equal to an admin's is refused, audited, and the admin account is unchanged", async ({
  page,
  browser,
}) => {
  const admin = await signInAsAdmin(page);
  const victim = `${idpLogin("victim")}@test.local`; // no long digit runs: the audit log masks card-shaped numbers
  const created = await admin.request.post("/api/console/users", {
    data: { email: victim, name: "Victim Admin", password: "victim password 123", roles: ["ADMIN"] },
  });
  expect(created.status()).toBe(201);
  const before = (await users(admin)).find((u) => u.email === victim);

  const login = idpLogin("impostor");
  const context = await browser.newContext();
  const impostor = await context.newPage();
  await setIdpAccount(impostor.request, login, { email: victim, email_verified: false, groups: [] });
  await ssoSignIn(impostor, login);
  await slow(impostor).toHaveURL(/\/login\?/);
  await slow(impostor.getByTestId("login-error")).toHaveText(
    /The identity provider sent no verified email \(email_verified is not true\)/,
  );
  expect((await impostor.request.get("/api/console/users")).status()).toBe(401);
  await context.close();

  expect((await users(admin)).find((u) => u.email === victim)).toEqual(before);
  const audit = await (await admin.request.get(`/api/console/audit?category=AUTH&q=sso:${login}`)).json();
  expect(audit.events).toHaveLength(1);
  expect(audit.events[0]).toMatchObject({
    action: "auth.sso_sign_in",
    outcome: "failure",
    actorId: null,
    attributes: { subject: login, email: victim, emailVerified: false, reason: "email_not_verified" },
  });
  expect(audit.events[0].attributes.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});

test("SSO: the admin's group removed at the provider demotes them at the next sign-in", async ({ page }) => {
  const login = idpLogin("demoted");
  const claims = { email: `${login}@sso.test`, email_verified: true, name: "Soon Demoted" };
  await setIdpAccount(page.request, login, { ...claims, groups: ["e2e-sec-admins"] });
  await ssoSignIn(page, login);
  await dashboard(page);
  await expect(nav(page)).toHaveText(NAV.ADMIN);
  await page.getByRole("button", { name: "Sign out" }).click();
  await slow(page).toHaveURL(/\/login/);

  await setIdpAccount(page.request, login, { ...claims, groups: [] });
  // The provider's session is still open: no login form this time, straight back to Warden.
  await ssoSignIn(page, login);
  await dashboard(page);
  await expect(nav(page)).toHaveText(NAV.VIEWER);
  expect((await page.request.get("/api/console/users")).status()).toBe(403);
});

test("SSO: a verified email matching a password account links only after its password is proved; its roles stay", async ({
  page,
  browser,
}) => {
  const admin = await signInAsAdmin(page);
  const email = `${idpLogin("owner")}@test.local`;
  const password = "owner password 123";
  await admin.request.post("/api/console/users", { data: { email, name: "Owner", password, roles: ["OWNER"] } });

  const context = await browser.newContext();
  const owner = await context.newPage();
  const login = idpLogin("owner");
  await setIdpAccount(owner.request, login, { email, email_verified: true, groups: ["e2e-sec-admins"] });
  await ssoSignIn(owner, login);
  await expect(owner.getByTestId("link-sso-notice")).toContainText(email);
  await owner.getByLabel("Password").fill("not the password");
  await owner.getByRole("button", { name: "Link and sign in" }).click();
  await slow(owner.getByTestId("login-error")).toHaveText("Invalid email or password");
  await owner.getByLabel("Password").fill(password);
  await owner.getByRole("button", { name: "Link and sign in" }).click();
  await dashboard(owner);
  // Signed in as the existing account, with the roles Warden gave it: the provider's groups don't apply.
  await expect(nav(owner)).toHaveText(NAV.OWNER);
  await context.close();
  expect((await users(admin)).find((u) => u.email === email)?.roles).toEqual(["OWNER"]);
});

test("SSO: an admin links a waiting identity from the users page", async ({ page, browser }) => {
  const admin = await signInAsAdmin(page);
  const email = `${idpLogin("auditor")}@test.local`;
  await admin.request.post("/api/console/users", {
    data: { email, name: "Auditor", password: "auditor password 123", roles: ["AUDITOR"] },
  });
  const context = await browser.newContext();
  const auditor = await context.newPage();
  const login = idpLogin("auditor");
  await setIdpAccount(auditor.request, login, { email, email_verified: true, groups: [] });
  await ssoSignIn(auditor, login);
  await expect(auditor.getByTestId("link-sso-notice")).toBeVisible();

  await admin.goto("/settings/users");
  const request = admin.getByTestId(`sso-link-request-${email}`);
  await expect(request).toContainText(login);
  await request.getByRole("button", { name: "Link" }).click();
  await expect(request).toBeHidden();
  await expect(admin.getByTestId(`user-row-${email}`)).toContainText("SSO linked");

  await ssoSignIn(auditor, login);
  await dashboard(auditor);
  await expect(nav(auditor)).toHaveText([
    "Dashboard",
    "Servers",
    "Agents",
    "Approvals",
    "Reviews",
    "Findings",
    "Audit",
    "Reports",
  ]);
  await context.close();
});
