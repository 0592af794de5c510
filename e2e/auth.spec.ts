import type { Role } from "@/lib/generated/prisma/enums";
import { expect, signIn, test } from "./support/fixtures";

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

test("a wrong password shows an error, and the fifth failure locks the account", async ({ as, page }) => {
  const admin = await as("ADMIN");
  const email = `lockme-${Date.now()}@test.local`;
  const created = await admin.request.post("/api/console/users", {
    data: { email, name: "Lock Me", password: "the right password", roles: ["VIEWER"] },
  });
  expect(created.status()).toBe(201);
  await page.context().clearCookies();

  await signIn(page, email, "wrong password");
  await expect(page.getByTestId("login-error")).toHaveText("Invalid email or password");
  for (let i = 2; i <= 4; i++) {
    await signIn(page, email, "wrong password");
    await expect(page.getByTestId("login-error")).toHaveText("Invalid email or password");
  }
  await signIn(page, email, "wrong password");
  await expect(page.getByTestId("login-error")).toContainText("Account locked after 5 failed sign-ins");
  await signIn(page, email, "the right password");
  await expect(page.getByTestId("login-error")).toContainText("Account locked");
});

test("bad input on the sign-in form is caught inline", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("field-error").first()).toHaveText("Enter a valid email address");
});
