import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import type { McpError } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { z } from "zod";
import { systemActor } from "@/lib/authz/actor";
import { hashSecret } from "@/lib/crypto/prefixed-secret";
import { db } from "@/lib/db/client";
import { issueAgentCredential } from "@/lib/services/agent-credentials/issue-agent-credential";
import { revokeAgentCredential } from "@/lib/services/agent-credentials/revoke-agent-credential";
import { voteOnRequest } from "@/lib/services/approvals/vote-on-request";
import { createGrant } from "@/lib/services/grants/create-grant";
import { changeServerStatus } from "@/lib/services/servers/change-server-status";
import { setOrgPause } from "@/lib/services/org/set-org-pause";
import { createToken } from "@/lib/services/tokens/create-token";
import { reviewTool } from "@/lib/services/tools/review-tool";
import { updateTool } from "@/lib/services/tools/update-tool";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedTeam, seedUser } from "@/prisma/seed/factories";
import { seedReferenceServer } from "@/prisma/seed/gateway-fixture";
import { wardenApi } from "@/scripts/lib/warden-api";
import { seedAgent, seedServer } from "@/prisma/seed/registry-factories";
import { ZGatewayConfig, type GatewayConfig } from "./config";
import { startHttpGateway, type RunningGateway } from "./gateway";
import { WARDEN_APPROVAL_PENDING, WARDEN_DENIED, WARDEN_UNAVAILABLE } from "./rpc-error";
import { connectAgent, rejection, stopped, text, until } from "@/lib/testing/gateway-clients";

const sys = systemActor("test");
const PKG = "node_modules/@modelcontextprotocol";
const WARDEN_PORT = 3280;
describeWithDatabase("Warden gateway", () => {
  const warden = wardenApi(WARDEN_PORT);
  const gateways: RunningGateway[] = [];
  let world: Awaited<ReturnType<typeof seed>>;
  let gw: RunningGateway;
  let dir: string;

  async function seed() {
    const team = await seedTeam();
    const everything = await seedReferenceServer("everything", {
      slug: `everything-${team.slug}`,
      ownerTeamId: team.id,
    });
    const memory = await seedReferenceServer("memory", { slug: `memory-${team.slug}`, ownerTeamId: team.id });
    const reader = await seedAgent({ teamId: team.id, assertsUsers: true });
    const echoer = await seedAgent({ teamId: team.id });
    await createGrant(sys, {
      agentId: reader.id,
      serverId: everything.id,
      allowedTools: ["echo", "get-sum"],
      allowedOperations: ["read"],
    });
    await createGrant(sys, {
      agentId: echoer.id,
      serverId: everything.id,
      allowedTools: ["echo"],
      allowedOperations: ["read"],
    });
    await createGrant(sys, {
      agentId: reader.id,
      serverId: memory.id,
      allowedTools: ["read_graph", "create_entities"],
      allowedOperations: ["read", "write"],
    });
    const create = await db().tool.findFirstOrThrow({ where: { serverId: memory.id, name: "create_entities" } });
    await updateTool(sys, create.id, {
      requiresApproval: false,
      riskOverride: "MEDIUM",
      reason: "the test agent may write its own notes",
    });
    const token = await createToken(sys, {
      name: `gw-${team.slug}`,
      scopes: ["bundle", "decide", "ingest", "manifest"],
      expiresInDays: 1,
    });
    return {
      team,
      everything,
      memory,
      reader,
      echoer,
      token: token.token,
      readerKey: (await issueAgentCredential(sys, reader.id)).secret,
      echoerKey: (await issueAgentCredential(sys, echoer.id)).secret,
    };
  }

  function config(overrides: Partial<z.input<typeof ZGatewayConfig>> = {}, port = 3281): GatewayConfig {
    return ZGatewayConfig.parse({
      warden: { url: warden.url, token: world.token },
      listen: `127.0.0.1:${port}`,
      spool_dir: mkdtempSync(path.join(dir, "spool-")),
      ship_interval_ms: 100,
      upstreams: {
        [world.everything.slug]: { command: "node", args: [`${PKG}/server-everything/dist/index.js`, "stdio"] },
        [world.memory.slug]: {
          command: "node",
          args: [`${PKG}/server-memory/dist/index.js`],
          env: { MEMORY_FILE_PATH: path.join(dir, `memory-${port}.jsonl`) },
        },
      },
      ...overrides,
    });
  }

  async function start(cfg: GatewayConfig) {
    const g = await startHttpGateway(cfg, () => {});
    gateways.push(g);
    await until(async () => (await fetch(`${g.url}/healthz`)).ok || undefined, 20_000);
    return g;
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "warden-gateway-"));
    await warden.start();
    world = await seed();
    gw = await start(config());
  }, 60_000);

  afterAll(async () => {
    for (const g of gateways) await g.close();
    await warden.stop();
  });

  it("shows each agent only the tools it may call, and refuses unknown credentials", async () => {
    const reader = await connectAgent(`${gw.url}/mcp/${world.everything.slug}`, world.readerKey);
    const echoer = await connectAgent(`${gw.url}/mcp/${world.everything.slug}`, world.echoerKey);
    expect((await reader.client.listTools()).tools.map((t) => t.name).sort()).toEqual(["echo", "get-sum"]);
    expect((await echoer.client.listTools()).tools.map((t) => t.name)).toEqual(["echo"]);
    await Promise.all([reader.close(), echoer.close()]);
    await expect(connectAgent(`${gw.url}/mcp/${world.everything.slug}`, "wag_not-a-real-credential")).rejects.toThrow(
      /401|revoked/,
    );
    // A page on another origin that rebinds its DNS name to 127.0.0.1 still sends its own Host.
    const status = await new Promise<number>((resolve, reject) =>
      request(`${gw.url}/healthz`, { headers: { host: "evil.example:3281" } }, (res) => resolve(res.statusCode ?? 0))
        .on("error", reject)
        .end(),
    );
    expect(status).toBe(403);
    // The local decision endpoint is off until its callers' token hashes are configured.
    const decide = await fetch(`${gw.url}/v1/decide`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${world.token}` },
      body: "{}",
    });
    expect(decide.status).toBe(404);
    expect(((await decide.json()) as { error: { message: string } }).error.message).toMatch(/decide_tokens_sha256/);
  });

  it("forwards an allowed call, refuses a denied one before the upstream, and ships one audit event per call", async () => {
    const mem = await connectAgent(`${gw.url}/mcp/${world.memory.slug}`, world.echoerKey);
    const denied = await rejection(
      mem.client.callTool({
        name: "create_entities",
        arguments: { entities: [{ name: "Mallory", entityType: "person", observations: [] }] },
      }),
    );
    expect(denied.code).toBe(WARDEN_DENIED);
    expect(denied.data.rule).toBe("no_grant");
    await mem.close();

    const reader = await connectAgent(`${gw.url}/mcp/${world.memory.slug}`, world.readerKey, "alice@corp.example");
    // The denied create never reached the server: the graph is still empty.
    expect(text(await reader.client.callTool({ name: "read_graph", arguments: {} }))).not.toContain("Mallory");
    await reader.client.callTool({
      name: "create_entities",
      arguments: { entities: [{ name: "Alice", entityType: "person", observations: [] }] },
    });
    expect(text(await reader.client.callTool({ name: "read_graph", arguments: {} }))).toContain("Alice");
    await reader.close();

    // Shipping is asynchronous (at least once, from the spool): wait for the four calls to land.
    const shipped = await until(async () => {
      await gw.core.shipper.flush();
      const rows = await db().auditEvent.findMany({ where: { category: "TOOL_CALL", server: world.memory.slug } });
      return rows.length >= 4 ? rows : undefined;
    }, 10_000);
    const events = shipped.value;
    expect(events.map((e) => [e.agent, e.tool, e.outcome]).sort()).toEqual(
      [
        [world.echoer.clientId, "create_entities", "deny"],
        [world.reader.clientId, "create_entities", "success"],
        [world.reader.clientId, "read_graph", "success"],
        [world.reader.clientId, "read_graph", "success"],
      ].sort(),
    );
    const created = events.find((e) => e.tool === "create_entities" && e.outcome === "success")!;
    expect(created).toMatchObject({ onBehalfOf: "alice@corp.example", sessionId: expect.any(String) });
    expect(created.attributes).toMatchObject({ extra: { gatewayId: expect.any(String), rule: "grant" } });
  });

  it("stops calls on an org pause and on a credential revocation, without a restart", async () => {
    const reader = await connectAgent(`${gw.url}/mcp/${world.everything.slug}`, world.readerKey);
    expect(text(await reader.client.callTool({ name: "echo", arguments: { message: "before" } }))).toContain("before");
    await setOrgPause(sys, { paused: true, reason: "incident drill" });
    try {
      // The long poll brings the pause to the running gateway (bench:gateway measures how fast: the
      // promise is under a second); the next call is refused.
      await until(async () => gw.core.bundle.view().bundle?.paused || undefined, 20_000);
      const paused = await rejection(reader.client.callTool({ name: "echo", arguments: { message: "x" } }));
      expect(paused.data.rule).toBe("org_paused");
    } finally {
      await setOrgPause(sys, { paused: false, reason: "drill over" });
    }
    await until(
      async () =>
        await reader.client.callTool({ name: "echo", arguments: { message: "y" } }).then(
          () => true,
          () => undefined,
        ),
      5_000,
    );

    const issued = await issueAgentCredential(sys, world.echoer.id, { name: "to revoke" });
    const doomed = await until(
      async () => connectAgent(`${gw.url}/mcp/${world.everything.slug}`, issued.secret).catch(() => undefined),
      5_000,
    );
    await revokeAgentCredential(sys, world.echoer.id, issued.id);
    await until(
      async () =>
        gw.core.bundle.view().bundle?.agentByCredentialHash.has(hashSecret(issued.secret)) ? undefined : true,
      5_000,
    );
    await expect(doomed.value.client.callTool({ name: "echo", arguments: { message: "z" } })).rejects.toThrow(
      /401|revoked/,
    );
    await reader.close();
  });

  it("waits for an approval, runs the call once, and needs a new approval for a replay", async () => {
    const approver = await seedUser({ roles: ["APPROVER"] });
    const sum = await db().tool.findFirstOrThrow({ where: { serverId: world.everything.id, name: "get-sum" } });
    await updateTool(sys, sum.id, { requiresApproval: true });
    const waiting = await start(config({ approval_wait_seconds: 20 }, 3282));
    const reader = await connectAgent(
      `${waiting.url}/mcp/${world.everything.slug}`,
      world.readerKey,
      "bob@corp.example",
    );
    const call = reader.client.callTool({ name: "get-sum", arguments: { a: 2, b: 3 } });
    const request = await until(
      async () =>
        (await db().approvalRequest.findFirst({
          where: { kind: "TOOL_CALL", toolName: "get-sum", status: "PENDING" },
        })) ?? undefined,
      10_000,
    );
    await voteOnRequest({ type: "USER", ...approver }, request.value.id, { decision: "approve" });
    expect(text(await call)).toContain("5");
    expect((await db().approvalRequest.findUniqueOrThrow({ where: { id: request.value.id } })).status).toBe("CONSUMED");
    await reader.close();

    const impatient = await connectAgent(`${gw.url}/mcp/${world.everything.slug}`, world.readerKey, "bob@corp.example");
    const replay = await rejection(impatient.client.callTool({ name: "get-sum", arguments: { a: 2, b: 3 } }));
    expect(replay.code).toBe(WARDEN_APPROVAL_PENDING);
    expect(replay.data.approvalId).toMatch(/^[0-9a-f-]{36}$/);
    expect(replay.data.approvalId).not.toBe(request.value.id);
    await impatient.close();
    await updateTool(sys, sum.id, { requiresApproval: false });
  });

  it("blocks a tool whose definition changes at runtime until it is approved again", async () => {
    const slug = `shifting-${world.team.slug}`;
    const server = await seedServer({
      slug,
      transport: "STDIO",
      endpoint: "node shifting-server.mjs",
      ownerTeamId: world.team.id,
    });
    const shiftFile = path.join(dir, "shift-now");
    const g = await start(
      config(
        {
          upstreams: {
            [slug]: {
              command: "node",
              args: ["lib/gateway/fixtures/shifting-server.mjs"],
              env: { SHIFT_FILE: shiftFile },
            },
          },
        },
        3283,
      ),
    );
    // The gateway reported what it found; an admin reviews it and activates the server.
    const discovered = await until(async () => {
      const tools = await db().tool.findMany({ where: { serverId: server.id } });
      return tools.length ? tools : undefined;
    }, 10_000);
    for (const t of discovered.value) await reviewTool(sys, t.id, { definitionHash: t.definitionHash });
    await createGrant(sys, {
      agentId: world.reader.id,
      serverId: server.id,
      allowedTools: ["lookup"],
      allowedOperations: ["read"],
    });
    await changeServerStatus(sys, server.id, { status: "PENDING_APPROVAL" });
    await changeServerStatus(sys, server.id, { status: "ACTIVE" });

    const agent = await connectAgent(`${g.url}/mcp/${slug}`, world.readerKey);
    await until(async () => ((await agent.client.listTools()).tools.length ? true : undefined), 20_000);
    expect(text(await agent.client.callTool({ name: "lookup", arguments: { id: "42" } }))).toBe("customer 42 (v1)");

    writeFileSync(shiftFile, "now");
    // Two correct refusals race: the gateway's own hash check (tool_definition_changed) from the moment
    // it re-lists the tools, and Warden's review state (tool_not_reviewed) once the new bundle lands.
    // A call slowed down by a busy machine may see only the second, so either one proves the block.
    const blocked = await until(async () => {
      const e = await agent.client.callTool({ name: "lookup", arguments: { id: "42" } }).then(
        () => undefined,
        (e: McpError & { data?: { rule?: string } }) => e,
      );
      return e && /^(tool_definition_changed|tool_not_reviewed)$/.test(e.data?.rule ?? "") ? e : undefined;
    }, 20_000);
    expect(blocked.value.code).toBe(WARDEN_DENIED);
    expect((await agent.client.listTools()).tools).toEqual([]);
    await until(async () => {
      const t = await db().tool.findFirst({ where: { serverId: server.id, name: "lookup", status: "PENDING_REVIEW" } });
      return t ?? undefined;
    }, 20_000);
    expect(
      await db().approvalRequest.count({ where: { kind: "TOOL_CHANGE", serverId: server.id, status: "PENDING" } }),
    ).toBe(1);

    // A reviewed tool's change is approved through its TOOL_CHANGE request, by an approver's vote.
    const request = await db().approvalRequest.findFirstOrThrow({
      where: { kind: "TOOL_CHANGE", serverId: server.id, status: "PENDING" },
    });
    const approver = await seedUser({ roles: ["APPROVER"] });
    await voteOnRequest({ type: "USER", ...approver }, request.id, { decision: "approve" });
    await until(async () => {
      const r = await agent.client.callTool({ name: "lookup", arguments: { id: "7" } }).catch(() => undefined);
      return r && text(r) === "customer 7 (v2)" ? true : undefined;
    }, 20_000);
    await agent.close();
  });

  it("keeps deciding from its bundle while Warden is down, then fails closed after bundle_max_age", async () => {
    const g = await start(config({ bundle_max_age_seconds: 2 }, 3284));
    const agent = await connectAgent(`${g.url}/mcp/${world.everything.slug}`, world.readerKey);
    await warden.stop();
    try {
      expect(text(await agent.client.callTool({ name: "echo", arguments: { message: "offline" } }))).toContain(
        "offline",
      );
      const closed = await until(async () => {
        const e = await agent.client.callTool({ name: "echo", arguments: { message: "late" } }).then(
          () => undefined,
          (e: McpError) => e,
        );
        return e ? e : undefined;
      }, 20_000);
      expect(closed.value.code).toBe(WARDEN_DENIED);
      expect(closed.value.message).toMatch(/bundle_unavailable: Warden has not been reachable/);
      expect((await fetch(`${g.url}/healthz`)).status).toBe(503);
    } finally {
      await warden.start();
    }
    await until(
      async () =>
        await agent.client.callTool({ name: "echo", arguments: { message: "back" } }).then(
          () => true,
          () => undefined,
        ),
      5_000,
    );
    await agent.close();
    // The calls made while Warden was away reach it from the spool.
    await until(async () => {
      await g.core.shipper.flush();
      const n = await db().auditEvent.count({
        where: {
          category: "TOOL_CALL",
          server: world.everything.slug,
          outcome: "success",
          attributes: { path: ["arguments", "message"], equals: "offline" },
        },
      });
      return n === 1 ? true : undefined;
    }, 20_000);
  });

  it("refuses a call it cannot record, and the upstream never sees it", async () => {
    const g = await start(config({ spool_max_bytes: 2048 }, 3285));
    const agent = await connectAgent(`${g.url}/mcp/${world.memory.slug}`, world.readerKey);
    const refused = await rejection(
      agent.client.callTool({
        name: "create_entities",
        arguments: { entities: [{ name: "Unrecorded", entityType: "person", observations: ["x".repeat(4000)] }] },
      }),
    );
    expect(refused.code).toBe(WARDEN_UNAVAILABLE);
    expect(refused.data.rule).toBe("audit_unavailable");
    expect(text(await agent.client.callTool({ name: "read_graph", arguments: {} }))).not.toContain("Unrecorded");
    await agent.close();
  });

  it("loses no spooled audit event when the gateway is killed during traffic", async () => {
    const spoolDir = mkdtempSync(path.join(dir, "kill-"));
    const cfgFile = path.join(dir, "kill.yaml");
    const cfg = { ...config({ spool_dir: spoolDir, ship_interval_ms: 60_000 }, 3286) };
    writeFileSync(
      cfgFile,
      JSON.stringify({
        ...cfg,
        // The config file sits in a temporary folder: its relative paths are read against that folder.
        upstreams: { [world.everything.slug]: { ...cfg.upstreams[world.everything.slug], cwd: process.cwd() } },
      }),
    );
    const run = (): ChildProcess =>
      spawn(process.execPath, ["--import", "tsx", "scripts/gateway.ts", "--config", cfgFile], {
        stdio: "ignore",
      });
    const healthy = () =>
      until(async () => (await fetch("http://127.0.0.1:3286/healthz").catch(() => null))?.ok || undefined, 30_000);
    const child = run();
    const answered: string[] = [];
    try {
      await healthy();
      const agent = await connectAgent(`http://127.0.0.1:3286/mcp/${world.everything.slug}`, world.readerKey);
      let i = 0;
      const traffic = (async () => {
        for (;;) {
          const message = `kill-${i++}`;
          const ok = await agent.client.callTool({ name: "echo", arguments: { message } }).then(
            () => true,
            () => false,
          );
          if (!ok) return;
          answered.push(message);
        }
      })();
      await until(async () => (answered.length >= 30 ? true : undefined), 20_000);
      child.kill("SIGKILL");
      await traffic;
      await agent.client.close().catch(() => {});
    } finally {
      child.kill("SIGKILL");
      await stopped(child);
    }
    expect(readdirSync(spoolDir).length).toBeGreaterThan(0);

    const again = run();
    try {
      await healthy();
      const stored = await until(async () => {
        const events = await db().auditEvent.findMany({
          where: { category: "TOOL_CALL", server: world.everything.slug, agent: world.reader.clientId },
          select: { attributes: true },
        });
        const messages = new Set(
          events.map((e) => (e.attributes as { arguments?: { message?: string } }).arguments?.message),
        );
        return answered.every((m) => messages.has(m)) ? messages : undefined;
      }, 15_000);
      expect(stored.value.size).toBeGreaterThanOrEqual(answered.length);
    } finally {
      // Wait for it to go: the next run of this suite (the other database) binds the same port.
      await stopped(again);
    }
    expect(existsSync(spoolDir)).toBe(true);
  }, 90_000);
});
