import type { Role } from "@/lib/generated/prisma/enums";
import { E2E_PASSWORD } from "@/playwright.config";
import { expect, signIn, test } from "./support/fixtures";
import { e2eEmail } from "./support/users";

const NAV: Record<Role, string[]> = {
  ADMIN: ["Dashboard", "Servers", "Agents", "Approvals", "Reviews", "Findings", "Audit", "Reports", "Settings"],
  APPROVER: ["Dashboard", "Servers", "Agents", "Approvals", "Reviews"],
  AUDITOR: ["Dashboard", "Servers", "Agents", "Approvals", "Reviews", "Findings", "Audit", "Reports"],
  OWNER: ["Dashboard", "Servers", "Agents", "Approvals", "Reviews", "Findings"],
  VIEWER: ["Dashboard", "Servers", "Agents"],
};

for (const [role, items] of Object.entries(NAV) as [Role, string[]][]) {
  test(`${role} signs in and sees exactly the ${role} navigation`, async ({ as }) => {
    const page = await as(role);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(items);
  });
}

test("an unauthenticated visitor is sent to sign-in, and the API answers 401", async ({ page }) => {
  await page.goto("/settings/users");
  await expect(page).toHaveURL(/\/login/);
  expect((await page.request.get("/api/console/users")).status()).toBe(401);
});

test("sign-out ends the session, and a copy of its cookie is refused afterwards", async ({ as }) => {
  const page = await as("VIEWER");
  const session = (await page.context().cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
  expect(session).toBeDefined();
  const withCopiedCookie = () =>
    page.request.get("/api/console/dashboard?range=24h", { headers: { cookie: `${session!.name}=${session!.value}` } });
  expect((await withCopiedCookie()).status()).toBe(200);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  expect((await page.request.get("/api/console/users")).status()).toBe(401);
  expect((await withCopiedCookie()).status()).toBe(401);
});

test("wrong passwords back off the stranger's browser (429, same message), never the owner's", async ({
  as,
  page,
  browser,
}) => {
  // Eight sign-ins, each a password hash: 30 s is too little on a busy 2-core machine.
  test.setTimeout(90_000);
  const admin = await as("ADMIN");
  const email = `backoff-${Date.now()}@test.local`;
  const created = await admin.request.post("/api/console/users", {
    data: { email, name: "Back Off", password: "the right password", roles: ["VIEWER"] },
  });
  expect(created.status()).toBe(201);
  await page.context().clearCookies();

  // The owner has signed in from this browser before: it holds a device cookie for the account.
  const ownersBrowser = await browser.newContext();
  const owner = await ownersBrowser.newPage();
  await signIn(owner, email, "the right password");
  await expect(owner.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await owner.getByRole("button", { name: "Sign out" }).click();
  await expect(owner).toHaveURL(/\/login/);

  for (let i = 1; i <= 5; i++) {
    await signIn(page, email, "wrong password");
    await expect(page.getByTestId("login-error")).toHaveText("Invalid email or password");
  }
  // The stranger's browser now waits, even with the right password: 429, Retry-After, the same message.
  const answer = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
  await signIn(page, email, "the right password");
  const throttled = await answer;
  expect(throttled.status()).toBe(429);
  expect(Number(throttled.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId("login-error")).toHaveText("Invalid email or password");

  // The owner is not locked out.
  await signIn(owner, email, "the right password");
  await expect(owner.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await ownersBrowser.close();
});

test("after sign-in, only a path on this site is followed", async ({ page }) => {
  await page.goto("/login?callbackUrl=/%5Cevil.example");
  await page.getByLabel("Email").fill(e2eEmail("VIEWER"));
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
});

test("bad input on the sign-in form is caught inline", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("field-error").first()).toHaveText("Enter a valid email address");
});
