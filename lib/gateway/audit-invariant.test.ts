import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { issueAgentCredential } from "@/lib/services/agent-credentials/issue-agent-credential";
import { createGrant } from "@/lib/services/grants/create-grant";
import { createToken } from "@/lib/services/tokens/create-token";
import { readOnlySwitch } from "@/lib/testing/read-only-dir";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedTeam } from "@/prisma/seed/factories";
import { seedReferenceServer } from "@/prisma/seed/gateway-fixture";
import { seedAgent } from "@/prisma/seed/registry-factories";
import { wardenApi } from "@/scripts/lib/warden-api";
import { ZGatewayConfig, type GatewayConfig } from "./config";
import { startHttpGateway, type RunningGateway } from "./gateway";
import { WARDEN_UNAVAILABLE } from "./rpc-error";
import { connectAgent, freePort, rawSession, rejection, until, type RpcAnswer } from "@/lib/testing/gateway-clients";

const sys = systemActor("test");
const PKG = "node_modules/@modelcontextprotocol";
const AGENTS = 4;
const CALLS_PER_AGENT = 30;

const nest = (depth: number, leaf: unknown): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = { [`d${i}`]: v };
  return v;
};

/** The poisons of issue 21 and their kin: ids, tool names and arguments any agent can send. */
const hostileId = fc.oneof(
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.string({ maxLength: 20 }),
  fc.constantFrom("i".repeat(201), "j".repeat(2_000), "nul\u0000id", "lone\uD800id", "\uDC00", " padded "),
);
const hostileTool = fc.constantFrom(
  "echo",
  "echo",
  "get-sum",
  "t".repeat(200),
  "echo\u0000",
  "\uD800echo",
  "not-offered",
  " echo ",
);
const hostileArgs = fc.oneof(
  fc.constant({}),
  fc.record({ message: fc.string({ maxLength: 30 }) }),
  fc.constant({ message: "a\u0000b" }),
  fc.constant({ message: "lone \uD800 surrogate", ["k\uDC00ey"]: "\u0000" }),
  fc.integer({ min: 60, max: 90 }).map((d) => ({ message: "deep", deep: nest(d, "bottom") })),
  fc.constant({ ["k".repeat(300)]: "long key", message: "m".repeat(5_000) }),
  fc.record({ a: fc.integer(), b: fc.integer() }),
);
/** Most calls are well formed; some are not calls at all (the SDK used to answer those unrecorded). */
const malformed = fc.constantFrom<"name-not-text" | "args-not-object" | "no-params" | null>(
  null,
  null,
  null,
  null,
  null,
  "name-not-text",
  "args-not-object",
  "no-params",
);
const call = fc.record({ id: hostileId, tool: hostileTool, args: hostileArgs, malformed });

describeWithDatabase("Gateway audit: every answered call is in the audit log", () => {
  const warden = wardenApi(0);
  const gateways: RunningGateway[] = [];
  let dir: string;
  let world: Awaited<ReturnType<typeof seed>>;

  async function seed() {
    const team = await seedTeam();
    const everything = await seedReferenceServer("everything", {
      slug: `everything-${team.slug}`,
      ownerTeamId: team.id,
    });
    const agents = [];
    for (let i = 0; i < AGENTS; i++) {
      const agent = await seedAgent({ teamId: team.id });
      // One agent has no grant at all: its calls are denied, and must be recorded all the same.
      if (i > 0)
        await createGrant(sys, {
          agentId: agent.id,
          serverId: everything.id,
          allowedTools: ["echo", "get-sum"],
          allowedOperations: ["read"],
        });
      agents.push({ agent, key: (await issueAgentCredential(sys, agent.id)).secret });
    }
    const token = await createToken(sys, {
      name: `gw-${team.slug}`,
      scopes: ["bundle", "decide", "ingest", "manifest"],
      expiresInDays: 1,
    });
    return { everything, agents, token: token.token };
  }

  async function start(overrides: Partial<GatewayConfig> = {}) {
    const port = await freePort();
    const g = await startHttpGateway(
      ZGatewayConfig.parse({
        warden: { url: warden.url, token: world.token },
        listen: `127.0.0.1:${port}`,
        spool_dir: mkdtempSync(path.join(dir, "spool-")),
        ship_interval_ms: 100,
        upstreams: {
          [world.everything.slug]: { command: "node", args: [`${PKG}/server-everything/dist/index.js`, "stdio"] },
        },
        ...overrides,
      }),
      () => {},
    );
    gateways.push(g);
    await until(async () => (await fetch(`${g.url}/healthz`)).ok || undefined, 20_000);
    return g;
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "warden-audit-invariant-"));
    await warden.start();
    world = await seed();
  }, 60_000);

  afterAll(async () => {
    for (const g of gateways) await g.close();
    await warden.stop();
  });

  it("keeps every call several agents saw answered, hostile ids, names and arguments included", async () => {
    const gw = await start();
    const url = `${gw.url}/mcp/${world.everything.slug}`;
    const plans = fc.sample(fc.array(call, { minLength: CALLS_PER_AGENT, maxLength: CALLS_PER_AGENT }), {
      numRuns: AGENTS,
      seed: Number(process.env.AUDIT_INVARIANT_SEED ?? 21),
    });
    // Each call carries a tag only the test knows, to find its record: the client's list of answered calls.
    const answered = new Set<string>();
    const unanswered: string[] = [];
    await Promise.all(
      plans.map(async (plan, a) => {
        const session = await rawSession(url, world.agents[a].key);
        // Two calls in flight per agent, so the rounds of shipping mix agents and poisons.
        const queue = plan.map((c, i) => ({ ...c, tag: `inv-${a}-${i}` }));
        const worker = async () => {
          for (let c = queue.shift(); c; c = queue.shift()) {
            const args = { ...(c.args as Record<string, unknown>), tag: c.tag };
            // A call whose arguments cannot carry the tag carries it as its JSON-RPC id.
            const answer: RpcAnswer | null =
              c.malformed === "name-not-text"
                ? await session.request(c.id, "tools/call", { name: 42, arguments: args })
                : c.malformed === "args-not-object"
                  ? await session.request(c.tag, "tools/call", { name: c.tool, arguments: [c.tag, "\u0000"] })
                  : c.malformed === "no-params"
                    ? await session.request(c.tag, "tools/call")
                    : await session.call(c.id, c.tool, args);
            if (answer && (answer.result !== undefined || answer.error !== undefined)) answered.add(c.tag);
            else unanswered.push(c.tag);
          }
        };
        await Promise.all([worker(), worker()]);
        await session.close();
      }),
    );
    expect(unanswered).toEqual([]);
    expect(answered.size).toBe(AGENTS * CALLS_PER_AGENT);

    const clientIds = world.agents.map((a) => a.agent.clientId);
    const recorded = async () => {
      const rows = await db().auditEvent.findMany({
        where: { category: "TOOL_CALL", server: world.everything.slug, agent: { in: clientIds } },
        select: { attributes: true },
      });
      return new Set(
        rows.map((r) => {
          const a = r.attributes as { arguments?: { tag?: string }; requestId?: unknown };
          return a.arguments?.tag ?? (typeof a.requestId === "string" ? a.requestId : "(no tag)");
        }),
      );
    };
    await until(async () => {
      await gw.core.shipper.flush();
      const tags = await recorded();
      return [...answered].every((t) => tags.has(t)) ? true : undefined;
    }, 30_000).catch(() => undefined);
    expect([...(await recorded())].sort()).toEqual([...answered].sort());
    expect(gw.core.spool.heldEvents).toBe(0);
    expect(await db().finding.count({ where: { type: "ingest_rejected" } })).toBe(0);
    // What was cut or escaped says so in the record.
    const cut = await db().auditEvent.findFirst({
      where: { category: "TOOL_CALL", tool: { startsWith: "ttttt" } },
      select: { tool: true, attributes: true },
    });
    expect(cut?.tool).toMatch(/^t+…#[0-9a-f]{10}$/);
    expect(JSON.stringify(cut?.attributes)).toMatch(/"sanitized":\[.*"field":"tool"/);
  }, 90_000);

  it("stays up on a read-only spool: refuses calls, answers /healthz 503, and recovers by itself", async () => {
    const spoolDir = mkdtempSync(path.join(dir, "ro-spool-"));
    const gw = await start({ spool_dir: spoolDir });
    const agent = await connectAgent(`${gw.url}/mcp/${world.everything.slug}`, world.agents[1].key);
    await agent.client.callTool({ name: "echo", arguments: { message: "before" } });
    const ro = readOnlySwitch(spoolDir);
    ro.on();
    try {
      // The shipper's clock finds it (this used to be an uncaught EROFS that ended the process).
      const down = await until(async () => {
        const res = await fetch(`${gw.url}/healthz`);
        return res.status === 503
          ? ((await res.json()) as { spool: { writable: boolean; failure: string } })
          : undefined;
      }, 5_000);
      expect(down.value.spool).toMatchObject({ writable: false, failure: expect.stringMatching(/EROFS|EPERM/) });
      const metrics = await (await fetch(`${gw.url}/metrics`)).text();
      expect(metrics).toMatch(/^warden_gateway_spool_writable 0$/m);
      expect(metrics).toMatch(/^warden_gateway_audit_held_events 0$/m);
      const refused = await rejection(agent.client.callTool({ name: "echo", arguments: { message: "during" } }));
      expect(refused.code).toBe(WARDEN_UNAVAILABLE);
      expect(refused.data.rule).toBe("audit_unavailable");
    } finally {
      ro.off();
    }
    await until(async () => ((await fetch(`${gw.url}/healthz`)).ok ? true : undefined), 5_000);
    await agent.client.callTool({ name: "echo", arguments: { message: "after" } });
    await agent.close();
    const messages = await until(async () => {
      await gw.core.shipper.flush();
      const rows = await db().auditEvent.findMany({
        where: { category: "TOOL_CALL", agent: world.agents[1].agent.clientId, outcome: "success" },
        select: { attributes: true },
      });
      const m = rows.map((r) => (r.attributes as { arguments?: { message?: string } }).arguments?.message);
      return m.includes("before") && m.includes("after") ? m : undefined;
    }, 10_000);
    expect(messages.value).not.toContain("during");
  }, 60_000);
});
