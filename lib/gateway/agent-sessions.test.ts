import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  ListRootsRequestSchema,
  ResourceUpdatedNotificationSchema,
  type Notification,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { issueAgentCredential } from "@/lib/services/agent-credentials/issue-agent-credential";
import { createGrant } from "@/lib/services/grants/create-grant";
import { createToken } from "@/lib/services/tokens/create-token";
import { updateTool } from "@/lib/services/tools/update-tool";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { connectAgent, refusal, rejection, textOf, until, type Connected } from "@/lib/testing/gateway-clients";
import { seedReferenceServer } from "@/prisma/seed/gateway-fixture";
import { seedTeam } from "@/prisma/seed/factories";
import { seedAgent } from "@/prisma/seed/registry-factories";
import { wardenApi } from "@/scripts/lib/warden-api";
import { ZGatewayConfig } from "./config";
import { startHttpGateway, type RunningGateway } from "./gateway";
import { WARDEN_DENIED } from "./rpc-error";

const sys = systemActor("test");
const PKG = "node_modules/@modelcontextprotocol";
const EVERYTHING = [`${PKG}/server-everything/dist/index.js`, "stdio"];
const FILESYSTEM = `${PKG}/server-filesystem/dist/index.js`;
const USED = [
  "echo",
  "toggle-simulated-logging",
  "trigger-long-running-operation",
  "trigger-sampling-request",
  "trigger-elicitation-request",
  "toggle-subscriber-updates",
];
const DOCS = "demo://resource/static/document/";
const A_RESOURCES = [`${DOCS}*`, "demo://resource/dynamic/text/*"];
const FULL_CLIENT = { sampling: {}, elicitation: { form: {}, url: {} }, roots: { listChanged: true } };

/** The tools server-everything offers a client that declares sampling, elicitation and roots. */
async function everythingTools(): Promise<Tool[]> {
  const client = new Client({ name: "inventory", version: "1.0.0" }, { capabilities: FULL_CLIENT });
  client.setRequestHandler(ListRootsRequestSchema, async () => ({ roots: [] }));
  await client.connect(new StdioClientTransport({ command: "node", args: EVERYTHING }));
  const all = await until(async () => {
    const { tools } = await client.listTools();
    return tools.some((t) => t.name === "trigger-sampling-request") ? tools : undefined;
  }, 10_000);
  await client.close();
  return all.value;
}

/**
 * Two agents on one server through the gateway, each with its own upstream session: what one agent's
 * session produces (log messages, progress) never reaches the other; resources and prompts need a grant;
 * the server's sampling and elicitation requests reach the agent whose call made them, and are audited;
 * a filesystem server is given the grant's roots ∩ the agent's, and refuses a path outside them itself.
 */
describeWithDatabase("Gateway agent sessions (isolation, server-to-client requests, roots)", () => {
  const warden = wardenApi(0);
  const open: Connected[] = [];
  let gw: RunningGateway;
  let gwJson: RunningGateway;
  let w: Awaited<ReturnType<typeof seed>>;
  let files: string;
  const url = (slug: string, on = gw) => `${on.url}/mcp/${slug}`;
  const agent = async (key: string, slug: string, prepare?: Parameters<typeof connectAgent>[3], on = gw) => {
    const c = await connectAgent(url(slug, on), key, undefined, prepare);
    open.push(c);
    return c.client;
  };

  async function seed() {
    const team = await seedTeam();
    const everything = await seedReferenceServer("everything", {
      slug: `every-${team.slug}`,
      ownerTeamId: team.id,
      tools: (await everythingTools()) as never,
    });
    const filesystem = await seedReferenceServer("filesystem", { slug: `fs-${team.slug}`, ownerTeamId: team.id });
    for (const t of await db().tool.findMany({ where: { serverId: everything.id, name: { in: USED } } }))
      await updateTool(sys, t.id, { requiresApproval: false, riskOverride: "LOW", reason: "the test drives it" });
    const [a, b, c] = [
      await seedAgent({ teamId: team.id }),
      await seedAgent({ teamId: team.id }),
      await seedAgent({ teamId: team.id }),
    ];
    // Each grant names its own resources (server-everything's documents and templates) and prompts.
    const scopes = new Map([
      [a.id, { allowedResources: A_RESOURCES, allowedPrompts: ["simple-prompt"] }],
      [b.id, { allowedResources: [`${DOCS}features.md`], allowedPrompts: ["args-prompt", "completable-*"] }],
    ]);
    for (const who of [a, b])
      await createGrant(sys, {
        agentId: who.id,
        serverId: everything.id,
        allowedTools: USED,
        allowedOperations: ["read", "write"],
        ...scopes.get(who.id),
      });
    await createGrant(sys, {
      agentId: a.id,
      serverId: filesystem.id,
      allowedTools: ["read_text_file", "list_allowed_directories"],
      allowedOperations: ["read"],
      argumentRules: [{ kind: "path", arguments: ["path"], roots: [files] }],
    });
    const token = await createToken(sys, {
      name: `as-${team.slug}`,
      scopes: ["bundle", "decide", "ingest", "manifest"],
      expiresInDays: 1,
    });
    const key = async (id: string) => (await issueAgentCredential(sys, id)).secret;
    return {
      everything,
      filesystem,
      a,
      b,
      c,
      token: token.token,
      keyA: await key(a.id),
      keyB: await key(b.id),
      keyC: await key(c.id),
    };
  }

  beforeAll(async () => {
    files = realpathSync(mkdtempSync(path.join(tmpdir(), "warden-sessions-")));
    for (const d of ["public", "private"]) mkdirSync(path.join(files, d));
    writeFileSync(path.join(files, "public", "readme.txt"), "public words");
    writeFileSync(path.join(files, "private", "salaries.csv"), "alice,100");
    await warden.start();
    w = await seed();
    const config = (response_mode: "sse" | "json") =>
      ZGatewayConfig.parse({
        warden: { url: warden.url, token: w.token },
        listen: "127.0.0.1:0",
        spool_dir: mkdtempSync(path.join(tmpdir(), "warden-sessions-spool-")),
        ship_interval_ms: 100,
        response_mode,
        upstreams: {
          [w.everything.slug]: { command: "node", args: EVERYTHING, max_sessions: 6 },
          [w.filesystem.slug]: { command: "node", args: [FILESYSTEM, files] },
        },
      });
    gw = await startHttpGateway(config("sse"), () => {});
    gwJson = await startHttpGateway(config("json"), () => {});
    for (const g of [gw, gwJson]) await until(async () => (await fetch(`${g.url}/healthz`)).ok || undefined, 30_000);
  }, 120_000);

  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close().catch(() => {})));
  });

  afterAll(async () => {
    await gw?.close();
    await gwJson?.close();
    await warden.stop();
  });

  it("keeps one agent's log messages out of another agent's session", async () => {
    const heard = { a: [] as Notification[], b: [] as Notification[] };
    const a = await agent(w.keyA, w.everything.slug);
    const b = await agent(w.keyB, w.everything.slug);
    a.fallbackNotificationHandler = async (n) => void heard.a.push(n);
    b.fallbackNotificationHandler = async (n) => void heard.b.push(n);
    // Server utilities › Logging: the level reaches A's own upstream session.
    await a.setLoggingLevel("debug");
    await b.setLoggingLevel("debug");
    expect(textOf(await a.callTool({ name: "toggle-simulated-logging", arguments: {} })).join("")).toMatch(/Started/);
    await until(async () => (heard.a.some((n) => n.method === "notifications/message") ? true : undefined), 20_000);
    await a.callTool({ name: "trigger-long-running-operation", arguments: { duration: 1, steps: 3 } });
    // B hears its own session's messages (its roots arriving), never what A's calls caused.
    const causedByA = (n: Notification) =>
      n.method === "notifications/progress" || /-level message|level-message/.test(String(n.params?.data ?? ""));
    expect(heard.a.some(causedByA)).toBe(true);
    expect(heard.b.filter(causedByA)).toEqual([]);
    await a.callTool({ name: "toggle-simulated-logging", arguments: {} });
  });

  it("puts a session's log messages and resource updates on its own GET stream when no POST stream can carry them", async () => {
    // JSON response mode: a POST is answered with one JSON body, so nothing the server sends meanwhile rides on it.
    const heard = { a: [] as Notification[], b: [] as Notification[] };
    const a = await agent(w.keyA, w.everything.slug, undefined, gwJson);
    const b = await agent(w.keyB, w.everything.slug, undefined, gwJson);
    a.fallbackNotificationHandler = async (n) => void heard.a.push(n);
    b.fallbackNotificationHandler = async (n) => void heard.b.push(n);
    a.setNotificationHandler(ResourceUpdatedNotificationSchema, async (n) => void heard.a.push(n));
    b.setNotificationHandler(ResourceUpdatedNotificationSchema, async (n) => void heard.b.push(n));
    await a.setLoggingLevel("debug");
    await b.setLoggingLevel("debug");
    const uri = (await a.listResources()).resources[0].uri;
    await a.subscribeResource({ uri });
    await a.callTool({ name: "toggle-subscriber-updates", arguments: {} });
    // The first log message is sent while this call is being served, the next one 5 s later, while the long
    // call below is: each reaches A on its GET stream before that call is answered.
    await a.callTool({ name: "toggle-simulated-logging", arguments: {} });
    await a.callTool({ name: "trigger-long-running-operation", arguments: { duration: 8, steps: 2 } });
    const simulated = (who: Notification[]) =>
      who.filter(
        (n) => n.method === "notifications/message" && /-level message|level-message/.test(String(n.params?.data)),
      );
    expect(simulated(heard.a).length).toBeGreaterThanOrEqual(2);
    await until(
      async () => (heard.a.some((n) => n.method === "notifications/resources/updated") ? true : undefined),
      10_000,
    );
    expect(heard.a.find((n) => n.method === "notifications/resources/updated")?.params?.uri).toBe(uri);
    // B's own upstream session logs only what B caused (its roots); nothing of A's reaches it.
    expect(simulated(heard.b)).toEqual([]);
    expect(heard.b.filter((n) => n.method === "notifications/resources/updated")).toEqual([]);
    await a.callTool({ name: "toggle-simulated-logging", arguments: {} });
    await a.callTool({ name: "toggle-subscriber-updates", arguments: {} });
  }, 60_000);

  it("refuses max_sessions + 1 sessions on one upstream with a clear error", async () => {
    const extra: Connected[] = [];
    let refused: unknown;
    for (let i = 0; i < 7 && !refused; i++)
      await connectAgent(url(w.everything.slug), w.keyB).then(
        (c) => void extra.push(c),
        (e: unknown) => void (refused = e),
      );
    expect(String(refused)).toMatch(/max_sessions/);
    await Promise.all(extra.map((c) => c.close()));
    // Closed sessions free their places (and their upstream processes).
    const again = await agent(w.keyB, w.everything.slug);
    expect((await again.listTools()).tools.length).toBeGreaterThan(0);
  }, 180_000);

  it("shows no resource or prompt without a grant; a granted read is answered and audited", async () => {
    const c = await agent(w.keyC, w.everything.slug);
    expect((await c.listResources()).resources).toEqual([]);
    expect((await c.listPrompts()).prompts).toEqual([]);
    const a = await agent(w.keyA, w.everything.slug);
    const listed = (await a.listResources()).resources;
    expect(listed.length).toBeGreaterThan(0);
    expect((await a.listPrompts()).prompts.length).toBeGreaterThan(0);
    const uri = listed[0].uri;
    const refused = await rejection(c.readResource({ uri }));
    expect(refused.code).toBe(WARDEN_DENIED);
    expect(refused.data.rule).toBe("no_grant");
    expect((await a.readResource({ uri })).contents[0].uri).toBe(uri);
    const row = await until(async () => {
      await gw.core.shipper.flush();
      return (
        (await db().auditEvent.findFirst({
          where: { action: "resources/read", server: w.everything.slug, outcome: "success" },
        })) ?? undefined
      );
    }, 10_000);
    expect(row.value).toMatchObject({ agent: w.a.clientId, outcome: "success" });
    expect(JSON.stringify(row.value.attributes)).toContain(uri);
    // The refusal is recorded too, under its rule.
    const refusedRow = await db().auditEvent.findFirst({
      where: { action: "resources/read", agent: w.c.clientId, outcome: "deny" },
    });
    expect(refusedRow?.attributes).toMatchObject({ rule: "no_grant", extra: { uri } });
  });

  it("lists, reads, gets and completes only the resources and prompts each agent's grant names", async () => {
    const a = await agent(w.keyA, w.everything.slug);
    const b = await agent(w.keyB, w.everything.slug);
    const uris = async (c: typeof a) => (await c.listResources()).resources.map((r) => r.uri);
    const templates = async (c: typeof a) =>
      (await c.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate);
    const prompts = async (c: typeof a) => (await c.listPrompts()).prompts.map((p) => p.name);
    const listedA = await uris(a);
    expect(listedA).toContain(`${DOCS}architecture.md`);
    expect(listedA.every((u) => u.startsWith(DOCS) && !u.slice(DOCS.length).includes("/"))).toBe(true);
    expect(await uris(b)).toEqual([`${DOCS}features.md`]);
    // The text template is A's (its `{resourceId}` lies within a `*`); the blob template is no one's.
    expect(await templates(a)).toEqual(["demo://resource/dynamic/text/{resourceId}"]);
    expect(await templates(b)).toEqual([]);
    expect(await prompts(a)).toEqual(["simple-prompt"]);
    expect((await prompts(b)).sort()).toEqual(["args-prompt", "completable-prompt"]);

    expect((await a.readResource({ uri: `${DOCS}architecture.md` })).contents[0].uri).toBe(`${DOCS}architecture.md`);
    expect((await a.readResource({ uri: "demo://resource/dynamic/text/7" })).contents[0].uri).toBe(
      "demo://resource/dynamic/text/7",
    );
    expect((await b.readResource({ uri: `${DOCS}features.md` })).contents.length).toBe(1);
    expect(await refusal(b.readResource({ uri: `${DOCS}architecture.md` }))).toBe("resource_not_granted");
    expect(await refusal(a.readResource({ uri: "demo://resource/dynamic/blob/7" }))).toBe("resource_not_granted");
    // Nothing is resolved on the agent's behalf: a dot segment is refused, not normalised into the grant.
    expect(await refusal(a.readResource({ uri: `${DOCS}x/../../dynamic/blob/7` }))).toBe("invalid_resource_uri");
    expect(await refusal(a.subscribeResource({ uri: "demo://resource/dynamic/blob/7" }))).toBe("resource_not_granted");
    await a.subscribeResource({ uri: `${DOCS}architecture.md` });

    expect((await a.getPrompt({ name: "simple-prompt" })).messages.length).toBeGreaterThan(0);
    expect(await refusal(a.getPrompt({ name: "args-prompt", arguments: { city: "Oslo" } }))).toBe("prompt_not_granted");
    const complete = (c: typeof a, ref: { type: "ref/prompt"; name: string } | { type: "ref/resource"; uri: string }) =>
      c.complete({ ref, argument: { name: ref.type === "ref/prompt" ? "department" : "resourceId", value: "E" } });
    expect((await complete(b, { type: "ref/prompt", name: "completable-prompt" })).completion.values).toContain(
      "Engineering",
    );
    expect(await refusal(complete(a, { type: "ref/prompt", name: "completable-prompt" }))).toBe("prompt_not_granted");
    await complete(a, { type: "ref/resource", uri: "demo://resource/dynamic/text/{resourceId}" });
    expect(await refusal(complete(b, { type: "ref/resource", uri: "demo://resource/dynamic/text/{resourceId}" }))).toBe(
      "resource_not_granted",
    );

    // Each refusal is an audited denial with its rule, on the same path as a refused tool call.
    const expected = [
      `${w.b.clientId} resources/read resource_not_granted ${DOCS}architecture.md`,
      `${w.a.clientId} resources/read resource_not_granted demo://resource/dynamic/blob/7`,
      `${w.a.clientId} resources/read invalid_resource_uri ${DOCS}x/../../dynamic/blob/7`,
      `${w.a.clientId} resources/subscribe resource_not_granted demo://resource/dynamic/blob/7`,
      `${w.a.clientId} prompts/get prompt_not_granted args-prompt`,
      `${w.a.clientId} completion/complete prompt_not_granted completable-prompt`,
      `${w.b.clientId} completion/complete resource_not_granted demo://resource/dynamic/text/{resourceId}`,
    ];
    const denied = await until(async () => {
      await gw.core.shipper.flush();
      const rows = await db().auditEvent.findMany({
        where: {
          server: w.everything.slug,
          outcome: "deny",
          action: { not: "tools/call" },
          agent: { in: [w.a.clientId, w.b.clientId] },
        },
      });
      const seen = rows.map((r) => {
        const at = r.attributes as { rule?: string; extra?: { uri?: string; prompt?: string } };
        return `${r.agent} ${r.action} ${at.rule} ${at.extra?.uri ?? at.extra?.prompt ?? ""}`;
      });
      return expected.every((e) => seen.includes(e)) ? seen : undefined;
    }, 10_000);
    expect(denied.value.sort()).toEqual(expected.sort());
  });

  it("carries sampling and elicitation to the agent whose call asked, and audits them without their text", async () => {
    const asked: string[] = [];
    const a = await agent(w.keyA, w.everything.slug, {
      capabilities: FULL_CLIENT,
      handlers: (client) => {
        client.setRequestHandler(CreateMessageRequestSchema, async (req) => {
          asked.push("sampling");
          expect(req.params.maxTokens).toBe(7);
          return { model: "test-model", role: "assistant", content: { type: "text", text: "sampled answer" } };
        });
        client.setRequestHandler(ElicitRequestSchema, async () => {
          asked.push("elicitation");
          return { action: "decline" };
        });
        client.setRequestHandler(ListRootsRequestSchema, async () => ({ roots: [] }));
      },
    });
    const b = await agent(w.keyB, w.everything.slug, {
      capabilities: FULL_CLIENT,
      handlers: (client) => {
        client.setRequestHandler(CreateMessageRequestSchema, async () => {
          asked.push("sampling by B");
          return { model: "b", role: "assistant", content: { type: "text", text: "wrong agent" } };
        });
        client.setRequestHandler(ListRootsRequestSchema, async () => ({ roots: [] }));
      },
    });
    await until(async () => {
      const names = (await a.listTools()).tools.map((t) => t.name);
      return names.includes("trigger-sampling-request") && names.includes("trigger-elicitation-request")
        ? true
        : undefined;
    }, 15_000);
    const sampled = await a.callTool({
      name: "trigger-sampling-request",
      arguments: { prompt: "secret prompt", maxTokens: 7 },
    });
    expect(textOf(sampled).join("")).toContain("sampled answer");
    const elicited = await a.callTool({ name: "trigger-elicitation-request", arguments: {} });
    expect(textOf(elicited).join("")).toMatch(/decline/i);
    expect(asked).toEqual(["sampling", "elicitation"]);
    expect((await b.listTools()).tools.length).toBeGreaterThan(0);

    const rows = await until(async () => {
      await gw.core.shipper.flush();
      const found = await db().auditEvent.findMany({
        where: { action: { in: ["sampling/createMessage", "elicitation/create"] }, server: w.everything.slug },
      });
      return found.length >= 2 ? found : undefined;
    }, 10_000);
    const sampling = rows.value.find((r) => r.action === "sampling/createMessage")!;
    expect(sampling).toMatchObject({ agent: w.a.clientId, outcome: "success" });
    expect(JSON.stringify(sampling.attributes)).toContain('"completionLimit":7');
    expect(JSON.stringify(sampling.attributes)).toContain("test-model");
    expect(JSON.stringify(rows.value.map((r) => r.attributes))).not.toMatch(/secret prompt|sampled answer/);
    expect(rows.value.find((r) => r.action === "elicitation/create")).toMatchObject({ outcome: "success" });
  });

  it("gives a filesystem server the grant's roots ∩ the agent's, and the server refuses a path outside them", async () => {
    const fs = await agent(w.keyA, w.filesystem.slug, {
      capabilities: { roots: { listChanged: true } },
      handlers: (client) =>
        client.setRequestHandler(ListRootsRequestSchema, async () => ({
          roots: [{ uri: pathToFileURL(path.join(files, "public")).href }, { uri: pathToFileURL("/etc").href }],
        })),
    });
    const allowed = async () =>
      textOf(await fs.callTool({ name: "list_allowed_directories", arguments: {} }))
        .join("")
        .split("\n")
        .slice(1);
    await until(async () => ((await allowed()).join() === path.join(files, "public") ? true : undefined), 10_000);
    expect(
      textOf(
        await fs.callTool({ name: "read_text_file", arguments: { path: path.join(files, "public", "readme.txt") } }),
      ).join(""),
    ).toContain("public words");
    // The grant allows files/private, the agent's roots do not: the server itself refuses.
    const outside = await fs.callTool({
      name: "read_text_file",
      arguments: { path: path.join(files, "private", "salaries.csv") },
    });
    expect(outside.isError).toBe(true);
    expect(textOf(outside).join("")).toMatch(/outside allowed directories|Access denied/i);
  });
});
