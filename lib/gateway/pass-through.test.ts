import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { issueAgentCredential } from "@/lib/services/agent-credentials/issue-agent-credential";
import { createGrant } from "@/lib/services/grants/create-grant";
import { createToken } from "@/lib/services/tokens/create-token";
import { updateTool } from "@/lib/services/tools/update-tool";
import { connectAgent, rawSession, rejection, until, type Connected } from "@/lib/testing/gateway-clients";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedTeam } from "@/prisma/seed/factories";
import { seedLiveServer, seedReferenceServer } from "@/prisma/seed/gateway-fixture";
import { seedAgent } from "@/prisma/seed/registry-factories";
import { wardenApi } from "@/scripts/lib/warden-api";
import { ZGatewayConfig } from "./config";
import { startHttpGateway, type RunningGateway } from "./gateway";

const sys = systemActor("test");
const PAGING = ["lib/gateway/fixtures/paging-server.mjs"];
const EVERYTHING = ["node_modules/@modelcontextprotocol/server-everything/dist/index.js", "stdio"];

/** Every tool of a stdio server, page by page. */
async function allTools(args: string[]): Promise<Tool[]> {
  const client = new Client({ name: "inventory", version: "1.0.0" });
  await client.connect(new StdioClientTransport({ command: "node", args }));
  const tools: Tool[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor ? { cursor } : {});
    tools.push(...page.tools);
    cursor = page.nextCursor;
  } while (cursor);
  await client.close();
  return tools;
}

/**
 * What the gateway passes through as it came: the agent's pagination cursors to its upstream session and
 * the upstream's nextCursor back (a page keeps only what the agent may see), and a call's progress on
 * that call's own response stream.
 */
describeWithDatabase("Gateway pass-through (pagination cursors, progress on the call's stream)", () => {
  const warden = wardenApi(0);
  const open: Connected[] = [];
  let gw: RunningGateway;
  let w: { paging: string; everything: string; key: string };

  beforeAll(async () => {
    await warden.start();
    const team = await seedTeam();
    const paging = await seedLiveServer(
      { slug: `paging-${team.slug}`, name: "paging", transport: "STDIO", endpoint: "node paging-server.mjs" },
      (await allTools(PAGING)) as never,
    );
    const everything = await seedReferenceServer("everything", { slug: `every-${team.slug}`, ownerTeamId: team.id });
    const slow = await db().tool.findFirstOrThrow({
      where: { serverId: everything.id, name: "trigger-long-running-operation" },
    });
    await updateTool(sys, slow.id, { requiresApproval: false, riskOverride: "LOW", reason: "the test drives it" });
    const agent = await seedAgent({ teamId: team.id });
    // charlie is not granted: it is left out of its page, and the pages stay the upstream's.
    await createGrant(sys, {
      agentId: agent.id,
      serverId: paging.id,
      allowedTools: ["alpha", "bravo", "delta", "echo"],
      // bravo's resource and alpha's prompt are not granted either: each page keeps the rest, and its cursor.
      allowedResources: ["paging://alpha", "paging://charlie", "paging://delta"],
      allowedPrompts: ["bravo-*", "echo-prompt"],
      allowedOperations: ["read"],
    });
    await createGrant(sys, {
      agentId: agent.id,
      serverId: everything.id,
      allowedTools: ["trigger-long-running-operation", "echo", "simulate-research-query"],
      allowedOperations: ["read", "write"],
    });
    const token = await createToken(sys, { name: `pt-${team.slug}`, scopes: ["bundle", "ingest"], expiresInDays: 1 });
    w = { paging: paging.slug, everything: everything.slug, key: (await issueAgentCredential(sys, agent.id)).secret };
    gw = await startHttpGateway(
      ZGatewayConfig.parse({
        warden: { url: warden.url, token: token.token },
        listen: "127.0.0.1:0",
        spool_dir: mkdtempSync(path.join(tmpdir(), "warden-pass-through-spool-")),
        ship_interval_ms: 100,
        upstreams: {
          [w.paging]: { command: "node", args: PAGING },
          [w.everything]: { command: "node", args: EVERYTHING },
        },
      }),
      () => {},
    );
    await until(async () => (await fetch(`${gw.url}/healthz`)).ok || undefined, 30_000);
  }, 90_000);

  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close().catch(() => {})));
  });

  afterAll(async () => {
    await gw?.close();
    await warden.stop();
  });

  const agent = async (slug: string) => {
    const c = await connectAgent(`${gw.url}/mcp/${slug}`, w.key);
    open.push(c);
    return c.client;
  };

  it("passes the agent's tools/list cursor to the upstream and its nextCursor back, each page filtered", async () => {
    const a = await agent(w.paging);
    const pages: string[][] = [];
    const cursors: (string | undefined)[] = [];
    let cursor: string | undefined;
    do {
      const page = await a.listTools(cursor ? { cursor } : {});
      pages.push(page.tools.map((t) => t.name));
      cursor = page.nextCursor;
      cursors.push(cursor);
    } while (cursor);
    expect(pages).toEqual([["alpha", "bravo"], ["delta"], ["echo"]]);
    expect(cursors.map((c) => c && Buffer.from(c, "base64url").toString())).toEqual(["page:2", "page:4", undefined]);
    // A cursor the upstream never issued: its own refusal (Invalid params), not a page.
    expect((await rejection(a.listTools({ cursor: "made-up" }))).code).toBe(-32602);
  });

  it("pages resources/list and prompts/list with the upstream's cursors too", async () => {
    const a = await agent(w.paging);
    const first = await a.listResources();
    expect(first.resources.map((r) => r.name)).toEqual(["alpha"]);
    const second = await a.listResources({ cursor: first.nextCursor! });
    expect(second.resources.map((r) => r.name)).toEqual(["charlie", "delta"]);
    const third = await a.listResources({ cursor: second.nextCursor! });
    expect(third).toMatchObject({ resources: [] });
    expect(third.nextCursor).toBeUndefined();
    const prompts = await a.listPrompts();
    expect(prompts.prompts.map((p) => p.name)).toEqual(["bravo-prompt"]);
    const pages = [prompts.prompts.map((p) => p.name)];
    for (let cursor = prompts.nextCursor; cursor;) {
      const page = await a.listPrompts({ cursor });
      pages.push(page.prompts.map((p) => p.name));
      cursor = page.nextCursor;
    }
    expect(pages).toEqual([["bravo-prompt"], [], ["echo-prompt"]]);
  });

  it("sends a call's progress on that call's own response stream, before its result", async () => {
    const raw = await rawSession(`${gw.url}/mcp/${w.everything}`, w.key);
    const streamed = await raw.stream(7, "tools/call", {
      name: "trigger-long-running-operation",
      arguments: { duration: 1, steps: 3 },
      _meta: { progressToken: "progress-of-7" },
    });
    await raw.close();
    const progress = streamed.filter((m) => m.method === "notifications/progress");
    expect(progress.map((m) => m.params?.progressToken)).toEqual(["progress-of-7", "progress-of-7", "progress-of-7"]);
    expect(progress.map((m) => m.params?.progress)).toEqual([1, 2, 3]);
    expect(streamed.at(-1)).toMatchObject({ id: 7, result: { content: [{ type: "text" }] } });
  });

  it("passes the upstream's serverInfo and instructions as they are, and no tasks capability", async () => {
    const direct = new Client({ name: "direct", version: "1.0.0" });
    await direct.connect(new StdioClientTransport({ command: "node", args: EVERYTHING, stderr: "ignore" }));
    const a = await agent(w.everything);
    expect(a.getServerVersion()).toEqual(direct.getServerVersion());
    expect(direct.getInstructions()?.length).toBeGreaterThan(1000);
    expect(a.getInstructions()).toBe(direct.getInstructions());
    // The upstream offers task-augmented tools/call; the gateway cannot govern tasks/* (session-server.ts).
    expect(direct.getServerCapabilities()?.tasks?.requests?.tools?.call).toBeDefined();
    expect(a.getServerCapabilities()?.tasks).toBeUndefined();
    await direct.close();
  });

  it("answers a task-augmented tools/call as a plain call, result and audit included, and no tasks/* method", async () => {
    const raw = await rawSession(`${gw.url}/mcp/${w.everything}`, w.key);
    const answer = await raw.request(11, "tools/call", {
      name: "echo",
      arguments: { message: "as a task?" },
      task: { ttl: 60_000 },
    });
    expect(answer).toMatchObject({ id: 11, result: { content: [{ type: "text", text: "Echo: as a task?" }] } });
    expect(answer?.result).not.toHaveProperty("task");
    for (const method of ["tasks/list", "tasks/get", "tasks/result", "tasks/cancel"])
      expect((await raw.request(12, method, { taskId: "any" }))?.error?.code).toBe(-32601);
    await raw.close();
    const row = await until(async () => {
      await gw.core.shipper.flush();
      return (
        (await db().auditEvent.findFirst({ where: { category: "TOOL_CALL", server: w.everything, tool: "echo" } })) ??
        undefined
      );
    }, 10_000);
    expect(row.value).toMatchObject({ outcome: "success" });
  });
});
