import { chromium } from "@playwright/test";
const url = "http://127.0.0.1:3400";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
await page.goto(`${url}/login`);
await page.getByLabel("Email").fill("admin@warden.local");
await page.getByLabel("Password").fill("demo-password-123");
await page.getByRole("button", { name: "Sign in", exact: true }).click();
await page.waitForURL((u) => !u.pathname.startsWith("/login"));
await page.goto(`${url}/servers/salesforce-crm`);
await page.screenshot({ path: "/tmp/shots/server.png" });
await page.getByText("Access", { exact: true }).first().click();
await page.waitForTimeout(3000);
await page.screenshot({ path: "/tmp/shots/access.png", fullPage: true });
const edit = page.locator("table").getByRole("button", { name: /Edit/ }).first();
if (await edit.count()) {
  await edit.click();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: "/tmp/shots/grant-edit.png" });
}
await browser.close();
