import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { voteOnRequest } from "@/lib/services/approvals/vote-on-request";
import { decideToolCall } from "@/lib/services/decisions/decide-tool-call";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { gateway, seedDecisionWorld } from "@/prisma/seed/decision-fixture";
import { backoffMs, deliverDueWebhooks } from "./deliver-webhooks";
import { createWebhook } from "./create-webhook";

type Received = { headers: IncomingMessage["headers"]; body: string };
const received: Received[] = [];
let failNext = 0;
const receiver = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    received.push({ headers: req.headers, body });
    res.statusCode = failNext-- > 0 ? 503 : 200;
    res.end();
  });
});
let url = "";
beforeAll(async () => {
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

describeWithDatabase("approval webhooks", () => {
  it("posts signed new and decided events, retries a failing receiver with backoff, and never blocks the decision", async () => {
    received.length = 0;
    const w = await seedDecisionWorld();
    const hook = await createWebhook(systemActor("test"), {
      name: "soc",
      url,
      events: ["approval.requested", "approval.decided"],
      format: "json",
    });
    await createWebhook(systemActor("test"), { name: "slack", url, events: ["approval.requested"], format: "slack" });
    expect(JSON.stringify(await db().webhook.findMany())).not.toContain(hook.secret);

    failNext = 1; // the first delivery attempt fails
    const pending = await decideToolCall(gateway, {
      agent: w.agent.clientId,
      server: w.server.slug,
      tool: "update_record",
      arguments: { id: "1" },
      onBehalfOf: w.requester.email,
    });
    expect(pending.decision).toBe("pending");
    const t0 = new Date();
    await deliverDueWebhooks(t0);
    expect(received).toHaveLength(2);
    const failed = await db().webhookDelivery.findFirstOrThrow({ where: { lastStatus: 503 } });
    expect(failed).toMatchObject({ status: "PENDING", attempts: 1, lastError: "HTTP 503" });
    expect(failed.nextAttemptAt.getTime()).toBe(t0.getTime() + backoffMs(1));
    await deliverDueWebhooks(new Date(t0.getTime() + backoffMs(1) + 1));
    expect(await db().webhookDelivery.count({ where: { status: "DELIVERED" } })).toBe(2);

    await voteOnRequest(w.approvers[0], pending.approvalId!, { decision: "approve" });
    await deliverDueWebhooks(new Date(t0.getTime() + 3_600_000));
    const decided = received.find((r) => r.headers["x-warden-event"] === "approval.decided")!;
    expect(JSON.parse(decided.body)).toMatchObject({
      event: "approval.decided",
      approval: { id: pending.approvalId, status: "APPROVED", tool: "update_record" },
    });
    const expected =
      "sha256=" +
      createHmac("sha256", hook.secret)
        .update(`${decided.headers["x-warden-timestamp"]}.${decided.body}`)
        .digest("hex");
    expect(decided.headers["x-warden-signature"]).toBe(expected);
    const slackBody = received.find((r) => JSON.parse(r.body).text);
    expect(JSON.parse(slackBody!.body).text).toMatch(/update_record .* needs approval/);
  });

  it("gives up after the last attempt and marks the delivery FAILED", async () => {
    const w = await seedDecisionWorld();
    await createWebhook(systemActor("test"), {
      name: "down",
      url: "http://127.0.0.1:9/unreachable",
      events: ["approval.requested"],
      format: "json",
    });
    await decideToolCall(gateway, {
      agent: w.agent.clientId,
      server: w.server.slug,
      tool: "update_record",
      arguments: { id: "2" },
    });
    let now = Date.now();
    for (let i = 0; i < 8; i++) {
      await deliverDueWebhooks(new Date(now));
      now += 3_600_000;
    }
    const d = await db().webhookDelivery.findFirstOrThrow({ where: { webhook: { name: "down" } } });
    expect(d).toMatchObject({ status: "FAILED", attempts: 8 });
  });
});
