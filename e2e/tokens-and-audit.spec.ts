import { expect, test } from "./support/fixtures";

test("an admin creates an API token shown once, it authenticates, and revoking it stops it", async ({
  as,
  playwright,
  baseURL,
}) => {
  const page = await as("ADMIN");
  await page.goto("/settings/tokens");
  await page.getByRole("button", { name: "New token" }).click();
  const dialog = page.getByRole("dialog", { name: "New API token" });
  const name = `monitor-${Date.now()}`;
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel(/^read/).check();
  await dialog.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!;
  expect(token).toMatch(/^wdn_/);

  const machine = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });
  const ok = await machine.get("/api/v1/audit/verify");
  expect(ok.status()).toBe(200);
  expect((await ok.json()).ok).toBe(true);

  await page.getByTestId(`token-row-${name}`).getByRole("button", { name: "Revoke" }).click();
  await page
    .getByRole("dialog", { name: `Revoke the token ${name}?` })
    .getByRole("button", { name: "Revoke" })
    .click();
  await expect(page.getByTestId(`token-row-${name}`)).toContainText("Revoked");
  expect((await machine.get("/api/v1/audit/verify")).status()).toBe(401);
  await machine.dispose();
});

test("an auditor verifies the audit chain from the Audit page", async ({ as }) => {
  const page = await as("AUDITOR");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" }).click();
  await expect(page.getByRole("table", { name: "Audit events" })).toContainText("auth.sign_in");
  await page.getByRole("button", { name: "Verify integrity" }).click();
  await expect(page.getByTestId("verify-result")).toContainText(
    /^OK: \d+ records? and \d+ signed checkpoints? verified/,
  );
});

test("an auditor may not manage tokens or users", async ({ as }) => {
  const page = await as("AUDITOR");
  expect((await page.request.get("/api/console/tokens")).status()).toBe(403);
  expect(
    (
      await page.request.patch("/api/console/users/00000000-0000-0000-0000-000000000000", { data: { disabled: true } })
    ).status(),
  ).toBe(403);
});

test("a gateway that polls the bundle shows on Settings > Gateways with its upstreams and bundle", async ({
  as,
  playwright,
  baseURL,
}) => {
  const page = await as("ADMIN");
  const created = await page.request.post("/api/console/tokens", {
    data: { name: `gw-${Date.now()}`, scopes: ["bundle"], expiresInDays: 1 },
  });
  expect(created.status()).toBe(201);
  const { token } = (await created.json()) as { token: string };
  const gatewayId = `e2e-gateway-${Date.now()}`;
  const machine = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: {
      authorization: `Bearer ${token}`,
      "x-warden-gateway-id": gatewayId,
      "x-warden-gateway-upstreams": "crm,files",
    },
  });
  expect((await machine.get("/api/v1/policy/bundle?wait=0")).status()).toBe(200);
  await machine.dispose();

  await page.goto("/settings/gateways");
  const row = page.getByTestId(`gateway-row-${gatewayId}`);
  await expect(row).toContainText("crm, files");
  await expect(row).toContainText("Connected");
  await expect(row).toContainText(/current|behind/);
});
