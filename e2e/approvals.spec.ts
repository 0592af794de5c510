import { expect, signIn, test } from "./support/fixtures";
import { gatewayClient, gatewayWorld } from "./support/gateway-world";
import { e2eEmail } from "./support/users";

test("a gateway's high-risk call waits for an approver, is allowed once, then needs approval again", async ({
  as,
  browser,
  playwright,
  baseURL,
}) => {
  // Two browsers and a gateway client over a dozen round trips: past 30 s on 2 busy cores.
  test.setTimeout(90_000);
  const admin = await as("ADMIN");
  const w = await gatewayWorld(admin);
  const api = await playwright.request.newContext({ baseURL });
  const gw = gatewayClient(api, w.token);
  const call = {
    agent: w.agent,
    server: w.slug,
    tool: "update_record",
    arguments: { object: "Case", id: "500x", fields: { Status: "Closed" } },
    onBehalfOf: "alice@corp.example",
  };

  const first = await gw.decide(call);
  expect(first.decision).toBe("pending");
  expect((await gw.poll(first.approvalId!)).status).toBe("PENDING");

  const approver = await browser.newPage();
  await signIn(approver, e2eEmail("APPROVER"));
  await approver.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Approvals" }).click();
  const card = approver.getByTestId(`approval-${first.approvalId}`);
  await expect(card).toContainText("update_record");
  await expect(card).toContainText("alice@corp.example");
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(card).toHaveCount(0);
  expect((await gw.poll(first.approvalId!)).status).toBe("APPROVED");

  expect(await gw.decide(call)).toMatchObject({ decision: "allow", approvalId: first.approvalId });
  const third = await gw.decide(call);
  expect(third.decision).toBe("pending");
  expect(third.approvalId).not.toBe(first.approvalId);

  // A denied request stays denied: asking again returns a fresh request, never an allow.
  const card3 = approver.getByTestId(`approval-${third.approvalId}`);
  await approver.reload();
  await card3.getByLabel("Comment").fill("Not during the freeze");
  await card3.getByRole("button", { name: "Deny" }).click();
  await approver.getByRole("dialog", { name: "Deny this request?" }).getByRole("button", { name: "Deny" }).click();
  await expect(card3).toHaveCount(0);
  expect((await gw.poll(third.approvalId!)).status).toBe("DENIED");
  const fourth = await gw.decide(call);
  expect(fourth.decision).toBe("pending");
  expect(fourth.approvalId).not.toBe(third.approvalId);
  const vote = await approver.request.post(`/api/console/approvals/${third.approvalId}/decision`, {
    data: { decision: "approve" },
  });
  expect(vote.status()).toBe(409);
  await approver.close();
  await api.dispose();
});

test("a suspended server is denied on the very next call", async ({ as, playwright, baseURL }) => {
  const admin = await as("ADMIN");
  const w = await gatewayWorld(admin);
  const api = await playwright.request.newContext({ baseURL });
  const gw = gatewayClient(api, w.token);
  const call = { agent: w.agent, server: w.slug, tool: "query_records", arguments: { limit: 5 } };
  expect((await gw.decide(call)).decision).toBe("allow");
  await admin.goto(`/servers/${w.slug}`);
  await admin.getByLabel("Reason").fill("incident drill");
  await admin.getByRole("button", { name: "Suspend now" }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "Suspend now" }).click();
  await expect(admin.locator("main").getByText("SUSPENDED", { exact: true }).first()).toBeVisible();
  expect(await gw.decide(call)).toMatchObject({
    decision: "deny",
    reasons: [expect.stringMatching(/^server_not_active/)],
  });
  expect((await api.post("/api/v1/decisions", { data: call })).status()).toBe(401);
  expect(
    (
      await api.post("/api/v1/decisions", { data: { agent: "x" }, headers: { authorization: `Bearer ${w.token}` } })
    ).status(),
  ).toBe(400);
  await api.dispose();
});

test("the requester cannot approve their own access request", async ({ as, browser }) => {
  // Two sign-ins and a gateway world: past 30 s on a cold server (CI on PostgreSQL, where it runs early).
  test.setTimeout(90_000);
  const admin = await as("ADMIN");
  const w = await gatewayWorld(admin);
  // e2e-approver asks for access; a different approver must decide.
  const requester = await browser.newPage();
  await signIn(requester, e2eEmail("APPROVER"));
  await expect(requester.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  const res = await requester.request.post("/api/console/access-requests", {
    data: {
      agentId: w.agentId,
      serverId: w.serverId,
      tools: ["query_records"],
      durationHours: 4,
      justification: "Investigating ticket 4242",
    },
  });
  expect(res.status()).toBe(201);
  const { id } = await res.json();
  const own = await requester.request.post(`/api/console/approvals/${id}/decision`, { data: { decision: "approve" } });
  expect(own.status()).toBe(403);
  expect((await own.json()).error.message).toContain("your own request");
  await requester.goto("/approvals");
  await expect(requester.getByTestId(`approval-${id}`)).toHaveCount(0);
  await requester.getByRole("tab", { name: "My requests" }).click();
  await expect(requester.getByTestId(`history-${id}`)).toContainText("PENDING");
  await requester.close();
});
