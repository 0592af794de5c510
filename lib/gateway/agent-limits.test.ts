import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { callWhy } from "@/lib/audit/call-data";
import { systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { secondsToMidnight } from "@/lib/policy/rate-limiter";
import { issueAgentCredential } from "@/lib/services/agent-credentials/issue-agent-credential";
import { setAgentLimits } from "@/lib/services/agents/set-agent-limits";
import { createGrant } from "@/lib/services/grants/create-grant";
import { createToken } from "@/lib/services/tokens/create-token";
import { connectAgent, rejection, text, until, type Connected } from "@/lib/testing/gateway-clients";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedTeam } from "@/prisma/seed/factories";
import { seedReferenceServer } from "@/prisma/seed/gateway-fixture";
import { seedAgent } from "@/prisma/seed/registry-factories";
import { wardenApi } from "@/scripts/lib/warden-api";
import { ZGatewayConfig } from "./config";
import { startHttpGateway, type RunningGateway } from "./gateway";
import { WARDEN_DENIED } from "./rpc-error";

const sys = systemActor("test");
const PKG = "node_modules/@modelcontextprotocol";
const WARDEN_PORT = 4310;
const GATEWAY_PORT = 4311;

/** Issue 26: an agent's daily call budget and its per-user limit, through the real gateway and the SDK client. */
describeWithDatabase("an agent's daily budget and per-user limit at the gateway", () => {
  const warden = wardenApi(WARDEN_PORT);
  const open: Connected[] = [];
  let gw: RunningGateway;
  let w: Awaited<ReturnType<typeof seed>>;

  async function seed() {
    const team = await seedTeam();
    const everything = await seedReferenceServer("everything", {
      slug: `everything-${team.slug}`,
      ownerTeamId: team.id,
    });
    const budgeted = await seedAgent({ teamId: team.id });
    const perUser = await seedAgent({ teamId: team.id, assertsUsers: true });
    for (const agent of [budgeted, perUser])
      await createGrant(sys, {
        agentId: agent.id,
        serverId: everything.id,
        allowedTools: ["echo"],
        allowedOperations: ["read"],
      });
    await setAgentLimits(sys, budgeted.id, { dailyCallBudget: 3 });
    await setAgentLimits(sys, perUser.id, { userRateLimitPerMinute: 2 });
    const token = await createToken(sys, {
      name: `limits-${team.slug}`,
      scopes: ["bundle", "decide", "ingest", "manifest"],
      expiresInDays: 1,
    });
    return {
      everything,
      budgeted,
      perUser,
      token: token.token,
      budgetedKey: (await issueAgentCredential(sys, budgeted.id)).secret,
      perUserKey: (await issueAgentCredential(sys, perUser.id)).secret,
    };
  }

  const connect = async (credential: string, onBehalfOf?: string) => {
    const c = await connectAgent(`${gw.url}/mcp/${w.everything.slug}`, credential, onBehalfOf);
    open.push(c);
    return c.client;
  };
  const echo = (client: Awaited<ReturnType<typeof connect>>, message: string) =>
    client.callTool({ name: "echo", arguments: { message } });

  /** The agent's shipped tool-call records, once `n` of them have landed. */
  const shipped = async (clientId: string, n: number) =>
    (
      await until(async () => {
        await gw.core.shipper.flush();
        const rows = await db().auditEvent.findMany({
          where: { category: "TOOL_CALL", agent: clientId },
          orderBy: { sequence: "asc" },
        });
        return rows.length >= n ? rows : undefined;
      }, 15_000)
    ).value;

  beforeAll(async () => {
    await warden.start();
    w = await seed();
    gw = await startHttpGateway(
      ZGatewayConfig.parse({
        warden: { url: warden.url, token: w.token },
        listen: `127.0.0.1:${GATEWAY_PORT}`,
        spool_dir: mkdtempSync(path.join(tmpdir(), "warden-limits-spool-")),
        ship_interval_ms: 100,
        upstreams: {
          [w.everything.slug]: { command: "node", args: [`${PKG}/server-everything/dist/index.js`, "stdio"] },
        },
      }),
      () => {},
    );
    await until(async () => (await fetch(`${gw.url}/healthz`)).ok || undefined, 20_000);
  }, 90_000);

  afterAll(async () => {
    await Promise.all(open.map((c) => c.close().catch(() => {})));
    await gw?.close();
    await warden.stop();
  });

  it("refuses the 4th call over a daily budget of 3 until midnight UTC, and records it with its rule", async () => {
    const agent = await connect(w.budgetedKey);
    for (let i = 1; i <= 3; i++) expect(text(await echo(agent, `call ${i}`))).toContain(`call ${i}`);
    const before = Date.now();
    const refused = await rejection(echo(agent, "call 4"));
    expect(refused.code).toBe(WARDEN_DENIED);
    expect(refused.message).toMatch(/budget of 3 calls today \(UTC\)/);
    const data = refused.data as { rule: string; retryAfterSeconds?: number };
    expect(data.rule).toBe("daily_budget_exhausted");
    expect(data.retryAfterSeconds).toBeLessThanOrEqual(secondsToMidnight(before));
    expect(data.retryAfterSeconds).toBeGreaterThan(secondsToMidnight(Date.now()) - 5);

    const rows = await shipped(w.budgeted.clientId, 4);
    expect(rows.map((r) => [r.outcome, callWhy(r.attributes).rule])).toEqual([
      ["success", "grant"],
      ["success", "grant"],
      ["success", "grant"],
      ["deny", "daily_budget_exhausted"],
    ]);
  });

  it("limits each user on their own: alice is refused at her 3rd call a minute while bob still passes", async () => {
    const alice = await connect(w.perUserKey, "alice@corp.example");
    const bob = await connect(w.perUserKey, "bob@corp.example");
    const alsoAlice = await connect(w.perUserKey, "Alice@Corp.example");
    expect(text(await echo(alice, "a1"))).toContain("a1");
    expect(text(await echo(alice, "a2"))).toContain("a2");
    // Her own second session (and her address in another case) is the same user.
    const refused = await rejection(echo(alsoAlice, "a3"));
    expect(refused.code).toBe(WARDEN_DENIED);
    expect(refused.data.rule).toBe("user_rate_limited");
    expect(refused.message).toMatch(/more than 2 calls a minute/);
    expect(refused.message).not.toContain("alice");
    expect(text(await echo(bob, "b1"))).toContain("b1");
    expect(text(await echo(bob, "b2"))).toContain("b2");
    expect((await rejection(echo(bob, "b3"))).data.rule).toBe("user_rate_limited");

    const rows = await shipped(w.perUser.clientId, 6);
    const denied = rows.filter((r) => r.outcome === "deny");
    expect(denied.map((r) => [r.onBehalfOf, callWhy(r.attributes).rule])).toEqual([
      ["Alice@Corp.example", "user_rate_limited"],
      ["bob@corp.example", "user_rate_limited"],
    ]);
  });
});
