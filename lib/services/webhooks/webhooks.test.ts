import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { voteOnRequest } from "@/lib/services/approvals/vote-on-request";
import { decideToolCall } from "@/lib/services/decisions/decide-tool-call";
import { DENIED_HOSTS } from "@/lib/testing/denied-hosts";
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
    if (failNext-- > 0) return res.writeHead(503).end("upstream vault.corp.internal:8200 sealed");
    res.end();
  });
});
let url = "";
let port = 0;
beforeAll(async () => {
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  port = (receiver.address() as AddressInfo).port;
  url = `http://127.0.0.1:${port}/hook`;
});
afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

describeWithDatabase("approval webhooks", () => {
  it("posts signed new and decided events, retries a failing receiver with backoff, and never blocks the decision", async () => {
    received.length = 0;
    const w = await seedDecisionWorld();
    // The receiver listens on loopback: only the deployment allow-list lets a webhook reach it.
    delete process.env.WARDEN_OUTBOUND_ALLOW;
    await expect(
      createWebhook(systemActor("test"), { name: "soc", url, events: ["approval.requested"], format: "json" }),
    ).rejects.toMatchObject({ code: "UNPROCESSABLE", fields: { url: expect.stringMatching(/WARDEN_OUTBOUND_ALLOW/) } });
    process.env.WARDEN_OUTBOUND_ALLOW = `127.0.0.1:${port},127.0.0.1:9`;
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
    // The status and a classified reason; the receiver's words are not stored.
    expect(failed).toMatchObject({ status: "PENDING", attempts: 1, lastError: "http_503" });
    expect(JSON.stringify(await db().webhookDelivery.findMany())).not.toMatch(/vault|sealed/);
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
    expect(d).toMatchObject({ status: "FAILED", attempts: 8, lastError: "connection_refused", lastStatus: null });
  });

  it("refuses loopback, metadata and private addresses in every spelling, at save (422 naming url) and at send", async () => {
    const allowed = process.env.WARDEN_OUTBOUND_ALLOW;
    process.env.WARDEN_OUTBOUND_ALLOW = "";
    for (const host of DENIED_HOSTS)
      await expect(
        createWebhook(systemActor("test"), {
          name: "denied",
          url: `http://${host}:${port}/hook`,
          events: ["approval.requested"],
        }),
        host,
      ).rejects.toMatchObject({ code: "UNPROCESSABLE", fields: { url: expect.any(String) } });
    expect(await db().webhook.count({ where: { name: "denied" } })).toBe(0);

    // Webhooks saved before this check (or whose name resolved elsewhere then) are refused at send.
    await db().webhookDelivery.deleteMany();
    const spellings = ["127.1", "2130706433", "0x7f000001", "[::ffff:127.0.0.1]", "localhost", "169.254.169.254"];
    for (const host of spellings) {
      const hook = await db().webhook.create({
        data: { name: `legacy ${host}`, url: `http://${host}:${port}/hook`, events: ["approval.requested"] },
      });
      await db().webhookDelivery.create({
        data: { webhookId: hook.id, event: "approval.requested", payload: { id: "x" } },
      });
    }
    received.length = 0;
    await deliverDueWebhooks(new Date(Date.now() + 86_400_000));
    const deliveries = await db().webhookDelivery.findMany({ include: { webhook: true } });
    expect(deliveries).toHaveLength(spellings.length);
    for (const d of deliveries)
      expect({ url: d.webhook.url, lastError: d.lastError, status: d.status }).toEqual({
        url: d.webhook.url,
        lastError: "address_denied",
        status: "PENDING",
      });
    expect(received).toEqual([]);
    process.env.WARDEN_OUTBOUND_ALLOW = allowed;
  });
});
