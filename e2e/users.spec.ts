import { expect, signIn, test } from "./support/fixtures";

test("an admin creates a user in the console, who can then sign in with that role", async ({ as, browser }) => {
  // Two sign-ins, the second on a fresh page: like the other multi-step journeys, more than 30 s on a busy machine.
  test.setTimeout(90_000);
  const page = await as("ADMIN");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Users", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog", { name: "Add user" });
  const email = `new-${Date.now()}@test.local`;
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Name").fill("New Auditor");
  await dialog.getByLabel("Initial password").fill("short");
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(dialog.getByTestId("field-error")).toHaveText("Use at least 12 characters");
  await dialog.getByLabel("Initial password").fill("a long enough password");
  await dialog.getByLabel("Viewer").uncheck();
  await dialog.getByLabel("Auditor").check();
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByTestId(`user-row-${email}`)).toContainText("AUDITOR");

  const other = await browser.newPage();
  await signIn(other, email, "a long enough password");
  await expect(other.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(other.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" })).toBeVisible();
  await other.close();
});

test("a duplicate email is refused with 409 and nothing changes", async ({ as }) => {
  const page = await as("ADMIN");
  const data = {
    email: `dup-${Date.now()}@test.local`,
    name: "Dup",
    password: "a long enough password",
    roles: ["VIEWER"],
  };
  expect((await page.request.post("/api/console/users", { data })).status()).toBe(201);
  const again = await page.request.post("/api/console/users", { data });
  expect(again.status()).toBe(409);
  expect((await again.json()).error.fields.email).toBe("Already in use");
});

test("a VIEWER is refused the Users API and page", async ({ as }) => {
  const page = await as("VIEWER");
  const list = await page.request.get("/api/console/users");
  expect(list.status()).toBe(403);
  const create = await page.request.post("/api/console/users", {
    data: { email: "sneaky@test.local", name: "S", password: "a long enough password", roles: ["ADMIN"] },
  });
  expect(create.status()).toBe(403);
  const res = await page.goto("/settings/users");
  expect(res?.status()).toBe(404);
});

test("disabling a user ends their access at once", async ({ as, browser }) => {
  const admin = await as("ADMIN");
  const email = `disable-${Date.now()}@test.local`;
  const created = await admin.request.post("/api/console/users", {
    data: { email, name: "Soon Disabled", password: "a long enough password", roles: ["AUDITOR"] },
  });
  const { id } = await created.json();
  const other = await browser.newPage();
  await signIn(other, email, "a long enough password");
  await expect(other.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await admin.goto("/settings/users");
  await admin.getByTestId(`user-row-${email}`).getByRole("button", { name: "Disable" }).click();
  // The row's button turns to "Enable" once the change is saved (its name, "Soon Disabled", says nothing).
  await expect(admin.getByTestId(`user-row-${email}`).getByRole("button", { name: "Enable" })).toBeVisible();
  expect((await other.request.get("/api/console/audit")).status()).toBe(401);
  const events = await (await admin.request.get("/api/console/audit?category=ADMIN")).json();
  expect(
    events.events.some((e: { action: string; targetId: string }) => e.action === "user.disabled" && e.targetId === id),
  ).toBe(true);
  await other.close();
});
