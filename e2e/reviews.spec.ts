import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { E2E_PASSWORD } from "@/playwright.config";
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./support/fixtures";
import { gatewayClient } from "./support/gateway-world";
import { reviewWorld } from "./support/review-world";
import { E2E_PUBLISHED_KEY, e2eEmail } from "./support/users";

const shot = (name: string) => ({ path: `test-results/reviews-${name}.png`, fullPage: true });

// Several people take part: each signs in on a page of their own (generous waits on a busy machine).
async function person(page: Page, email: string) {
  await signIn(page, email);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible({ timeout: 30_000 });
  return page;
}

test("an admin starts 2026-Q4, the owner certifies, revokes and bulk-certifies, the gateway is denied at once, an auditor signs off", async ({
  page,
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const admin = await person(page, e2eEmail("ADMIN"));
  const w = await reviewWorld(admin, E2E_PASSWORD);

  // The admin creates and starts the campaign for the new team's servers.
  await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reviews" }).click();
  await admin.getByRole("tab", { name: "Campaigns" }).click();
  await admin.getByRole("button", { name: "New campaign" }).click();
  await admin.getByLabel("Period").fill("2026-Q4");
  await admin.getByLabel(w.team).check();
  await admin.getByRole("button", { name: "Create and start" }).click();
  await expect(admin).toHaveURL(/campaign=/);
  const campaignId = new URL(admin.url()).searchParams.get("campaign")!;
  const campaign = admin.getByRole("region", { name: "Campaign" });
  await expect(campaign.getByText("ACTIVE", { exact: true })).toBeVisible();
  await expect(admin.getByTestId("population-hash")).toHaveText(/^[0-9a-f]{64}$/);
  await admin.screenshot(shot("1-campaign-started"));

  // The owner reviews: one certified, the unused grant revoked, the rest bulk-certified.
  const ownerPage = await person(await browser.newPage(), w.ownerEmail);
  await ownerPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reviews" }).click();
  const section = ownerPage.getByRole("region", { name: `Server ${w.slug}` });
  await expect(section.getByRole("article")).toHaveCount(3);
  const card = (agent: string) => section.getByRole("article", { name: new RegExp(`\\(${agent}\\)`) });
  await expect(card(w.agents.unused)).toContainText("revoke: never used");
  await expect(ownerPage.getByRole("progressbar", { name: "My review progress" })).toHaveAttribute(
    "aria-valuenow",
    "0",
  );
  // The server's ownership is the owner's own: listed apart, with why it is not theirs to decide.
  await expect(ownerPage.getByRole("region", { name: "Not yours to decide" })).toContainText(
    `You are the primary owner of the server ${w.slug}`,
  );
  await ownerPage.screenshot(shot("2-my-reviews"));

  const daily = card(w.agents.daily);
  await daily.getByRole("button", { name: "Certify" }).click();
  await expect(daily).toContainText("Give a justification first");
  await daily.getByLabel(/Justification for/).fill("HR onboarding uses it every day");
  await daily.getByRole("button", { name: "Certify" }).click();
  await expect(daily).toHaveCount(0);

  const unused = card(w.agents.unused);
  await unused.getByLabel(/Justification for/).fill("Never used: the pilot ended");
  await unused.getByRole("button", { name: "Revoke" }).click();
  await expect(unused).toHaveCount(0);

  await ownerPage.getByLabel("Justification for bulk certification").fill("Quarterly check: used and unchanged");
  await ownerPage.getByRole("button", { name: "Certify 1 unchanged, used item" }).click();
  await expect(ownerPage.getByText("All done")).toBeVisible();
  await expect(ownerPage.getByRole("progressbar", { name: "My review progress" })).toHaveAttribute(
    "aria-valuenow",
    "3",
  );
  await ownerPage.screenshot(shot("3-owner-done"));

  // The revoked grant is denied on the very next gateway call; a certified one still works.
  const api = await playwright.request.newContext({ baseURL });
  const gw = gatewayClient(api, w.decide);
  const call = (agent: string) => ({ agent, server: w.slug, tool: "list_people", arguments: { limit: 5 } });
  expect(await gw.decide(call(w.agents.unused))).toMatchObject({
    decision: "deny",
    reasons: [expect.stringMatching(/^no_grant/)],
  });
  expect((await gw.decide(call(w.agents.daily))).decision).toBe("allow");

  // Sign-off waits for the server's ownership: nobody eligible on the team, so the admin reassigns it.
  await admin.reload();
  await expect(admin.getByRole("button", { name: "Start campaign" })).toHaveCount(0);
  await admin.getByRole("checkbox", { name: /Select Ownership/ }).check();
  await admin.getByLabel(/Reassign 1 item to/).selectOption({ label: `E2E APPROVER (${e2eEmail("APPROVER")})` });
  await admin.getByLabel("Reason for reassignment").fill("The owner team has no second reviewer");
  await admin.getByRole("button", { name: "Reassign", exact: true }).click();
  await expect(admin.getByRole("region", { name: "Campaign items" })).toContainText("reassigned: The owner team");
  // Having reassigned, the admin may not sign the campaign off while the auditor may.
  await admin.reload();
  await expect(admin.getByTestId("sign-off-barrier")).toContainText("You made 1 reassignment in this campaign");
  await expect(admin.getByTestId("campaign-sod")).toHaveText("no self-review · an independent signer");
  await admin.screenshot(shot("5-admin-took-part"));

  const approver = await person(await browser.newPage(), e2eEmail("APPROVER"));
  await approver.goto("/reviews");
  const ownership = approver.getByRole("article", { name: /ownership/i });
  await ownership.getByLabel(/Justification for/).fill("Olga still runs HR tooling");
  await ownership.getByRole("button", { name: "Certify" }).click();
  await expect(approver.getByText("All done")).toBeVisible();

  // An auditor signs off; the campaign is locked.
  const auditor = await person(await browser.newPage(), e2eEmail("AUDITOR"));
  await auditor.goto(`/reviews?campaign=${campaignId}`);
  await expect(auditor.getByTestId("campaign-kpis")).toContainText("Revoked1");
  await auditor.getByLabel("Sign-off statement").fill("2026-Q4 review of the HR servers is complete");
  await auditor.getByRole("button", { name: "Sign off" }).click();
  await expect(auditor.getByTestId("sign-off")).toContainText(`Signed off by ${e2eEmail("AUDITOR")}`);
  await expect(auditor.getByRole("region", { name: "Campaign" }).getByText("COMPLETED", { exact: true })).toBeVisible();
  await auditor.screenshot(shot("4-signed-off"));
  // The auditor takes the campaign's signed evidence pack away from its page; it verifies offline.
  const [pack] = await Promise.all([
    auditor.waitForEvent("download"),
    auditor.getByTestId("download-review-pack").click(),
  ]);
  const zip = path.join(mkdtempSync(path.join(tmpdir(), "warden-e2e-review-")), pack.suggestedFilename());
  await pack.saveAs(zip);
  expect(
    execFileSync("npm", ["run", "--silent", "evidence:verify", "--", zip, "--key", E2E_PUBLISHED_KEY], {
      encoding: "utf8",
    }),
  ).toMatch(/OK .*review generated/);
  const items = await auditor.request.get(`/api/console/reviews/items?campaign=${campaignId}&assignee=all`);
  const first = ((await items.json()) as { id: string }[])[0];
  const late = await ownerPage.request.post(`/api/console/reviews/items/${first.id}/decision`, {
    data: { decision: "CERTIFY", justification: "too late" },
  });
  expect(late.status()).toBe(409);
  await Promise.all([ownerPage.close(), approver.close(), auditor.close(), api.dispose()]);
});

test("an admin finds the separation-of-duties toggles in the review settings, off by default", async ({ page }) => {
  const admin = await person(page, e2eEmail("ADMIN"));
  await admin.goto("/settings/reviews");
  const selfReview = admin.getByRole("checkbox", { name: /Allow owners, registrars and grantors/ });
  const deciderSignOff = admin.getByRole("checkbox", { name: /Allow whoever decided or reassigned/ });
  await expect(selfReview).toBeVisible();
  await expect(selfReview).not.toBeChecked();
  await expect(deciderSignOff).not.toBeChecked();
  await admin.screenshot(shot("6-settings"));
});

test("a viewer cannot read reviews", async ({ page }) => {
  const viewer = await person(page, e2eEmail("VIEWER"));
  expect((await viewer.request.get("/api/console/reviews/campaigns")).status()).toBe(403);
});

test("an owner cannot create a campaign, and a malformed decision is a 400", async ({ page }) => {
  const owner = await person(page, e2eEmail("OWNER"));
  const create = await owner.request.post("/api/console/reviews/campaigns", {
    data: { period: "2026-Q4", scope: {}, dueAt: new Date(Date.now() + 86_400_000).toISOString() },
  });
  expect(create.status()).toBe(403);
  const bad = await owner.request.post("/api/console/reviews/items/00000000-0000-4000-8000-000000000000/decision", {
    data: { decision: "MAYBE" },
  });
  expect(bad.status()).toBe(400);
});
