import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./support/fixtures";
import { E2E_PUBLISHED_KEY, e2eEmail } from "./support/users";

const dir = mkdtempSync(path.join(tmpdir(), "warden-e2e-reports-"));

async function download(page: Page, testId: string) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  const target = path.join(dir, `${testId}-${Date.now()}-${file.suggestedFilename()}`);
  await file.saveAs(target);
  return { target, name: file.suggestedFilename() };
}

const verify = (file: string) =>
  execFileSync("npm", ["run", "--silent", "evidence:verify", "--", file, "--key", E2E_PUBLISHED_KEY], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });

test("an auditor downloads a filtered audit CSV and signed evidence packs that verify offline", async ({
  as,
  browser,
}) => {
  // Four downloads, three of them signed packs built and verified offline with the CLI: more than 30 s on 2 busy cores.
  test.setTimeout(90_000);
  const admin = await as("ADMIN");
  const token = (
    await (
      await admin.request.post("/api/console/tokens", {
        data: { name: `collector-${Date.now()}`, scopes: ["ingest"], expiresInDays: 1 },
      })
    ).json()
  ).token;
  const server = `export-${Date.now().toString(36)}`;
  const events = Array.from({ length: 25 }, (_, i) => ({
    eventId: `${server}-${i}`,
    timestamp: new Date(Date.now() - i * 60_000).toISOString(),
    server,
    tool: "lookup",
    agent: "e2e-bot",
    onBehalfOf: i === 0 ? '=HYPERLINK("http://evil")' : "alice@corp.example",
    outcome: "success",
  }));
  const ingested = await admin.request.post("/api/v1/audit/events", {
    data: { events },
    headers: { authorization: `Bearer ${token}` },
  });
  expect(ingested.status()).toBe(200);

  const page = await browser.newPage({ acceptDownloads: true });
  await signIn(page, e2eEmail("AUDITOR"));
  await page.getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("heading", { name: "Reports", exact: true })).toBeVisible();
  await page.getByLabel("Server").fill(server);

  const csv = await download(page, "download-audit-export");
  expect(csv.name).toMatch(/^warden-audit-.*\.csv$/);
  const raw = readFileSync(csv.target);
  expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark, for spreadsheets
  const lines = raw.toString("utf8").trim().split("\n");
  expect(lines[0]).toMatch(/^sequence,id,occurredAt,category/);
  expect(lines).toHaveLength(26);
  expect(lines.filter((l) => l.includes(server))).toHaveLength(25);
  expect(lines.some((l) => l.includes(`"'=HYPERLINK(""http://evil"")"`))).toBe(true);

  const pack = await download(page, "download-audit-pack");
  expect(pack.name).toMatch(/\.zip$/);
  expect(verify(pack.target)).toMatch(/^OK .*audit-log generated .* by e2e-auditor@test\.local/m);
  for (const kind of ["approvals", "inventory"]) {
    const other = await download(page, `download-${kind}-pack`);
    expect(verify(other.target)).toMatch(new RegExp(`OK .*${kind} generated`));
  }
  await page.screenshot({ path: path.join("test-results", "reports-page.png"), fullPage: true });

  // Each export is in the audit log, with its filters.
  await page.goto(`/audit?q=report.exported`);
  await expect(page.getByTestId("audit-row").first()).toContainText("e2e-auditor@test.local");
});

test("an auditor picks a preset period in ISO days, and Until includes its whole day", async ({ as, browser }) => {
  // Two roles signed in, on 2 busy cores: past 30 s.
  test.setTimeout(90_000);
  const admin = await as("ADMIN");
  const token = (
    await (
      await admin.request.post("/api/console/tokens", {
        data: { name: `collector-${Date.now()}`, scopes: ["ingest"], expiresInDays: 1 },
      })
    ).json()
  ).token;
  const server = `preset-${Date.now().toString(36)}`;
  const events = [0, 1, 2].map((i) => ({
    eventId: `${server}-${i}`,
    timestamp: new Date(Date.now() - i * 1000).toISOString(),
    server,
    tool: "lookup",
    agent: "e2e-bot",
    outcome: i === 0 ? "deny" : "success",
  }));
  const ingested = await admin.request.post("/api/v1/audit/events", {
    data: { events },
    headers: { authorization: `Bearer ${token}` },
  });
  expect(ingested.status()).toBe(200);
  const auditor = await browser.newPage();
  await signIn(auditor, e2eEmail("AUDITOR"));
  await expect(auditor.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await auditor.goto("/reports");
  const form = auditor.getByRole("form", { name: "Export filters" });
  await form.getByLabel("Server").fill(server);
  await form.getByRole("button", { name: "Last 7 days" }).click();
  const today = new Date().toISOString().slice(0, 10);
  await expect(form.getByLabel("Until (UTC day, inclusive)")).toHaveValue(today);
  await expect(form.getByLabel("From (UTC day)")).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  // Today as both ends: the whole of today, not nothing (an exclusive Until would export no rows).
  await form.getByLabel("From (UTC day)").fill(today);
  await form.getByLabel("Outcome").selectOption("success");
  const href = (await auditor.getByTestId("download-audit-export").getAttribute("href"))!;
  expect(href).toContain(`until=${today}`);
  const csv = await (await auditor.request.get(href)).text();
  expect(csv.split("\n").filter((l) => l.includes(server))).toHaveLength(2);
  // Last month ends before today: none of today's rows.
  await form.getByRole("button", { name: "Last month" }).click();
  await expect(form.getByLabel("Until (UTC day, inclusive)")).not.toHaveValue(today);
  const lastMonth = (await auditor.getByTestId("download-audit-export").getAttribute("href"))!;
  expect((await (await auditor.request.get(lastMonth)).text()).includes(server)).toBe(false);
  // A US-format date is refused beside the field, and the server refuses it too.
  await form.getByLabel("Until (UTC day, inclusive)").fill("12/07/2026");
  await expect(form.getByText("Use YYYY-MM-DD (UTC)")).toBeVisible();
  await expect(auditor.getByTestId("download-audit-export")).toHaveAttribute("aria-disabled", "true");
  expect((await auditor.request.get("/api/console/audit/export?until=12%2F07%2F2026")).status()).toBe(400);
  await auditor.screenshot({ path: path.join("test-results", "reports-presets.png"), fullPage: true });
});

test("roles without reports.read get neither the page nor the export", async ({ as }) => {
  const viewer = await as("VIEWER");
  await expect(viewer.getByRole("link", { name: "Reports" })).toHaveCount(0);
  // The console streams behind a loading state, so the refusal shows as the not-found page.
  await viewer.goto("/reports");
  await expect(viewer.getByRole("heading", { name: "Not found" })).toBeVisible();
  expect((await viewer.request.get("/api/console/audit/export?format=csv")).status()).toBe(403);
  expect((await viewer.request.get("/api/console/reports/packs/inventory")).status()).toBe(403);
});

test("an admin adds a SIEM target in Settings and sees its lag and last error", async ({ as }) => {
  const admin = await as("ADMIN");
  await admin.goto("/settings/siem");
  const form = admin.getByRole("form", { name: "New SIEM target" });
  await form.getByLabel("Name (what siem_forward names)").fill("soc-syslog");
  await form.getByLabel("Kind").selectOption("SYSLOG");
  // The cloud metadata address is refused when saved, with the reason beside the field.
  await form.getByLabel("Syslog address").fill("tcp://169.254.169.254:514");
  await form.getByRole("button", { name: "Add target" }).click();
  await expect(form.getByText(/link-local, cloud metadata.*WARDEN_OUTBOUND_ALLOW/)).toBeVisible();
  // Loopback port 9 is named by the e2e server's WARDEN_OUTBOUND_ALLOW (playwright.config.ts).
  await form.getByLabel("Syslog address").fill("tcp://127.0.0.1:9");
  await form.getByRole("button", { name: "Add target" }).click();
  const target = admin.getByTestId("siem-soc-syslog");
  await expect(target).toBeVisible();
  // Nothing listens on port 9: the forwarder records a classified reason and backs off; the console stays usable.
  await expect(target).toContainText(/connection_refused: nothing listens at that address/, { timeout: 15_000 });
  await expect(target).toContainText("Sent (no receipt)");
  await admin.screenshot({ path: path.join("test-results", "siem-settings.png"), fullPage: true });
});
