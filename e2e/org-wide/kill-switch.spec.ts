import { expect, test } from "../support/fixtures";
import { gatewayClient, gatewayWorld } from "../support/gateway-world";

// Runs in its own project after every other spec: a paused org denies every other spec's gateway calls.
test("pausing all MCP access denies the next call and shows a banner on every console page until resumed", async ({
  as,
  playwright,
  baseURL,
}) => {
  const page = await as("ADMIN");
  const w = await gatewayWorld(page);
  const api = await playwright.request.newContext({ baseURL });
  const gw = gatewayClient(api, w.token);
  const call = { agent: w.agent, server: w.slug, tool: "query_records", arguments: { limit: 5 } };
  expect((await gw.decide(call)).decision).toBe("allow");

  await page.goto("/settings/kill-switch");
  await page.getByLabel("Reason for pausing").fill("e2e incident drill");
  await page.getByRole("button", { name: "Pause all MCP access" }).click();
  await expect(page.getByTestId("pause-banner")).toContainText("e2e incident drill");
  expect(await gw.decide(call)).toMatchObject({ decision: "deny", reasons: [expect.stringMatching(/^org_paused/)] });
  await page.goto("/servers");
  await expect(page.getByTestId("pause-banner")).toBeVisible();

  await page.goto("/settings/kill-switch");
  await page.getByLabel("Reason for resuming").fill("drill over");
  await page.getByRole("button", { name: "Resume MCP access" }).click();
  await expect(page.getByTestId("pause-banner")).toHaveCount(0);
  expect((await gw.decide(call)).decision).toBe("allow");
  await api.dispose();
});
