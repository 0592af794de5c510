import { mkdirSync } from "node:fs";
import { chromium, type Page } from "@playwright/test";
import { args as parse } from "./lib/args";

/**
 * `npm run screenshots -- --url http://localhost:3000 --password …`: one screenshot per persona of a
 * running console with the demo organisation, for the README (docs/screenshots/). Headless Chromium.
 */
const given = parse({ url: { type: "string" }, password: { type: "string" }, out: { type: "string" } });
const args = { url: given.url ?? "http://localhost:3000", out: given.out ?? "docs/screenshots" };
const password = given.password ?? process.env.WARDEN_DEMO_PASSWORD;
if (!password) throw new Error("Give the demo password: --password or WARDEN_DEMO_PASSWORD");

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 1000 };

/** Every persona's first page, and the approval card at phone width (where long diffs must wrap). */
const SHOTS: { file: string; email: string; path: string; wait: string; viewport?: typeof PHONE }[] = [
  { file: "approver.png", email: "approver@warden.local", path: "/approvals", wait: "article" },
  { file: "approver-phone.png", email: "approver@warden.local", path: "/approvals", wait: "article", viewport: PHONE },
  { file: "auditor.png", email: "auditor@warden.local", path: "/audit?range=7d", wait: "[data-testid=audit-row]" },
  { file: "admin.png", email: "admin@warden.local", path: "/", wait: "[data-testid=kpis]" },
  { file: "owner.png", email: "owner@warden.local", path: "/", wait: "[data-testid=my-overview]" },
  { file: "viewer.png", email: "viewer@warden.local", path: "/servers", wait: "table" },
];

async function signIn(page: Page, email: string) {
  await page.goto(`${args.url}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password!);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
}

mkdirSync(args.out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync"],
});
for (const shot of SHOTS) {
  const page = await browser.newPage({ viewport: shot.viewport ?? DESKTOP });
  await signIn(page, shot.email);
  await page.goto(`${args.url}${shot.path}`);
  await page.locator(shot.wait).first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(3000); // charts animate in, slower on a busy machine
  await page.screenshot({ path: `${args.out}/${shot.file}` });
  console.log(`${args.out}/${shot.file}`);
  await page.close();
}
await browser.close();
