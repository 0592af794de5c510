import { expect, signIn, test } from "./support/fixtures";
import { e2eEmail } from "./support/users";

async function ingest(admin: import("@playwright/test").Page, events: Record<string, unknown>[]) {
  const token = (
    await (
      await admin.request.post("/api/console/tokens", {
        data: { name: `collector-${Date.now()}`, scopes: ["ingest"], expiresInDays: 1 },
      })
    ).json()
  ).token;
  const res = await admin.request.post("/api/v1/audit/events", {
    data: { events },
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status()).toBe(200);
  return res.json();
}

test("an auditor sees the dashboard with data, drills into the explorer, opens an event and verifies integrity", async ({
  as,
  browser,
}) => {
  // Ingest, two signed-in pages, a chart and 60 rows paged in: past 30 s on 2 busy cores.
  test.setTimeout(90_000);
  const admin = await as("ADMIN");
  const server = `ingest-${Date.now().toString(36)}`;
  const now = Date.now();
  const events = Array.from({ length: 60 }, (_, i) => ({
    eventId: `${server}-${i}`,
    timestamp: new Date(now - i * 60_000).toISOString(),
    server,
    tool: i % 2 ? "search" : "export",
    agent: "e2e-bot",
    onBehalfOf: "alice@corp.example",
    outcome: i % 10 === 0 ? "denied" : "success",
    latencyMs: 20 + i,
    arguments: { q: `term ${i}`, password: "hunter2" },
  }));
  expect(await ingest(admin, events)).toEqual({ accepted: 60, duplicates: 0, rejected: [] });

  const page = await browser.newPage();
  await signIn(page, e2eEmail("AUDITOR"));
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await page.getByRole("button", { name: "Last 24 h" }).click();
  const topServers = page.getByRole("img", { name: "Top servers by calls" });
  await expect(topServers.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(topServers).toContainText(server);
  await expect(
    page.getByRole("img", { name: "Tool calls over time by outcome" }).locator(".recharts-area-area").first(),
  ).toBeVisible();

  await page.clock.install();
  await page.goto(`/audit?server=${server}&range=24h`);
  await expect(page.getByTestId("audit-row")).toHaveCount(50);
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(page.getByTestId("audit-row")).toHaveCount(60);
  // The clock moves on and the page re-renders (the drawer opens): the loaded pages stay.
  await page.clock.fastForward("02:00");
  await page.getByTestId("audit-row").first().click();
  await expect(page.getByTestId("event-drawer")).toBeVisible();
  await expect(page.getByTestId("audit-row")).toHaveCount(60);
  const drawer = page.getByTestId("event-drawer");
  await expect(drawer).toContainText("[REDACTED]");
  await expect(drawer).not.toContainText("hunter2");
  await expect(drawer.getByTestId("event-hash")).toContainText(/hash [0-9a-f]{64}/);
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Verify integrity" }).click();
  await expect(page.getByTestId("verify-result")).toContainText(
    /^OK: \d+ records? and [1-9]\d* signed checkpoints? verified/,
  );
  await page.close();
});

test("ingestion stores the good events of a batch and names the bad ones (or refuses it whole when asked), and a retried batch is stored once", async ({
  as,
}) => {
  const admin = await as("ADMIN");
  const token = (
    await (
      await admin.request.post("/api/console/tokens", {
        data: { name: `collector-b-${Date.now()}`, scopes: ["ingest"], expiresInDays: 1 },
      })
    ).json()
  ).token;
  const post = (body: string, type = "application/json", query = "") =>
    admin.request.post(`/api/v1/audit/events${query}`, {
      data: body,
      headers: { authorization: `Bearer ${token}`, "content-type": type },
    });
  const id = `retry-${Date.now()}`;
  const good = { eventId: id, timestamp: new Date().toISOString(), server: "crm", agent: "bot", outcome: "success" };
  const mixed = JSON.stringify([good, { ...good, eventId: `${id}-2`, outcome: "sort of" }]);
  const bad = await post(mixed, "application/json", "?atomic=true");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).errors).toEqual([expect.objectContaining({ index: 1, field: "outcome" })]);
  const nd = `${JSON.stringify(good)}\n${JSON.stringify({ ...good, eventId: `${id}-3` })}\n`;
  expect(await (await post(nd, "application/x-ndjson")).json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
  expect(await (await post(nd, "application/x-ndjson")).json()).toEqual({ accepted: 0, duplicates: 2, rejected: [] });
  const partial = await post(mixed);
  expect(partial.status()).toBe(200);
  expect(await partial.json()).toEqual({
    accepted: 0,
    duplicates: 1,
    rejected: [expect.objectContaining({ index: 1, eventId: `${id}-2`, field: "outcome" })],
  });
  expect(
    (
      await admin.request.post("/api/v1/audit/events", { data: [good], headers: { authorization: `Bearer ${token}x` } })
    ).status(),
  ).toBe(401);
});

test("the explorer opens on the last 7 days; a link that names a period or events opens on any time", async ({
  as,
  browser,
}) => {
  // Two roles signed in, on 2 busy cores: past 30 s.
  test.setTimeout(90_000);
  const admin = await as("ADMIN");
  const server = `older-${Date.now().toString(36)}`;
  const event = {
    eventId: `${server}-0`,
    timestamp: new Date(Date.now() - 20 * 86_400_000).toISOString(),
    server,
    tool: "search",
    agent: "e2e-bot",
    outcome: "success",
  };
  expect(await ingest(admin, [event])).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  const auditor = await browser.newPage();
  await signIn(auditor, e2eEmail("AUDITOR"));
  await expect(auditor.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await auditor.goto(`/audit?server=${server}`);
  const range = auditor.getByLabel("Time range");
  await expect(range).toHaveValue("7d");
  await expect(auditor.getByTestId("audit-row")).toHaveCount(0);
  await range.selectOption({ label: "Any time" });
  await expect(auditor.getByTestId("audit-row")).toHaveCount(1);
  await auditor.goto(`/audit?server=${server}&eventId=${event.eventId}`);
  await expect(auditor.getByLabel("Time range")).toHaveValue("all");
  await expect(auditor.getByTestId("audit-row")).toHaveCount(1);
});
