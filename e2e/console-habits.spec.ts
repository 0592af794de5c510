import { expect, signIn, test } from "./support/fixtures";
import { gatewayWorld } from "./support/gateway-world";
import { e2eEmail } from "./support/users";

test("the command palette: Ctrl+K finds a server by name and opens it; a viewer finds no users", async ({
  as,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const admin = await as("ADMIN");
  const w = await gatewayWorld(admin);

  await admin.keyboard.press("Control+k");
  const palette = admin.getByRole("dialog", { name: "Command palette" });
  await expect(palette).toBeVisible();
  await palette.getByRole("combobox").fill(w.slug.replace(/^crm-/, "CRM "));
  await expect(palette.getByRole("option").first()).toContainText(`CRM ${w.slug.slice(4)}`);
  await admin.keyboard.press("Enter");
  await expect(admin).toHaveURL(new RegExp(`/servers/${w.slug}$`));
  await expect(admin.getByRole("navigation", { name: "Breadcrumb" })).toContainText("Servers");

  // The header button opens it too; arrow keys move through the results.
  await admin.getByRole("button", { name: /Search/ }).click();
  await palette.getByRole("combobox").fill("e2e");
  await expect(palette.getByRole("option", { name: /E2E VIEWER/ })).toBeVisible();
  await admin.keyboard.press("Escape");
  await expect(palette).toBeHidden();

  // Permission-aware: a viewer may not open the users page, so people are never among their results.
  const viewer = await browser.newPage({ baseURL });
  const res = await viewer.request.get("/api/console/search?q=e2e");
  expect(res.status()).toBe(401);
  await signIn(viewer, e2eEmail("VIEWER"));
  await expect(viewer.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  const found = await (await viewer.request.get("/api/console/search?q=e2e")).json();
  expect(found.hits.filter((h: { kind: string }) => h.kind === "user")).toEqual([]);
  expect((await viewer.request.get("/api/console/search?q=")).status()).toBe(400);
  await viewer.close();
});

test("the dashboard's time picker lives in the URL, and a chart opens the explorer on the same slice", async ({
  as,
}) => {
  test.setTimeout(120_000);
  const page = await as("ADMIN");
  const token = (
    await (
      await page.request.post("/api/console/tokens", {
        data: { name: `collector-${Date.now()}`, scopes: ["ingest"], expiresInDays: 1 },
      })
    ).json()
  ).token as string;
  const server = `picker-${Date.now().toString(36)}`;
  const events = Array.from({ length: 5 }, (_, i) => ({
    eventId: `${server}-${i}`,
    timestamp: new Date(Date.now() - i * 60_000).toISOString(),
    server,
    tool: "read",
    agent: "picker-bot",
    outcome: i === 0 ? "deny" : "success",
    ...(i === 0 ? { rule: "max_records" } : {}),
  }));
  const ingested = await page.request.post("/api/v1/audit/events", {
    data: { events },
    headers: { authorization: `Bearer ${token}` },
  });
  expect(ingested.status()).toBe(200);

  // Denials by rule speak the engine's vocabulary: the gateway's "max_records" is counted as record_limit.
  await page.goto("/?range=24h");
  const denials = page.getByRole("img", { name: "Denied calls by rule" });
  await expect(denials).toContainText("record_limit");
  await expect(denials).not.toContainText("max_records");
  // A bar opens the explorer on the same slice: the rule, denied calls, the last 24 hours.
  // Other specs deny calls beside this one, so the top bar may be any rule: it opens that rule's slice.
  const top = (await denials
    .locator("text")
    .filter({ hasText: /^[a-z_]+$/ })
    .first()
    .textContent())!.trim();
  await denials.locator(".recharts-bar-rectangle").first().click();
  await expect(page).toHaveURL(new RegExp(`/audit\\?range=24h&outcome=deny&rule=${top}(&|$)`));
  await expect(page.getByTestId("match-count")).toHaveText(/^[1-9]\d* matching record/);

  await page.goto("/");
  await page.getByRole("button", { name: "Last 30 days" }).click();
  await expect(page).toHaveURL(/range=30d/);
  await expect(page.getByRole("button", { name: "Last 30 days" })).toHaveAttribute("aria-pressed", "true");

  await page.getByRole("button", { name: "Custom" }).click();
  await page.getByLabel("From", { exact: true }).fill("2026-11-01");
  await page.getByLabel("To (included)", { exact: true }).fill("2026-11-07");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/range=custom&from=2026-11-01&to=2026-11-07/);
  await page.reload();
  await expect(page.getByRole("button", { name: "Custom" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("img", { name: "Tool calls over time by outcome" })).toBeVisible();

  // A bad custom range says why, instead of an error page.
  await page.goto("/?range=custom&from=2026-11-07&to=2026-11-01");
  await expect(page.getByRole("status")).toContainText("to must be after from");
  await expect(page.getByRole("group", { name: "Time range" })).toBeVisible();
});
