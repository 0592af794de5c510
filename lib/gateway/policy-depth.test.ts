import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { listGateways } from "@/lib/services/gateways/list-gateways";
import { hashSecret } from "@/lib/crypto/prefixed-secret";
import { issueAgentCredential } from "@/lib/services/agent-credentials/issue-agent-credential";
import { createGrant } from "@/lib/services/grants/create-grant";
import { changeServerStatus } from "@/lib/services/servers/change-server-status";
import { createToken } from "@/lib/services/tokens/create-token";
import { reviewTool } from "@/lib/services/tools/review-tool";
import { updateTool } from "@/lib/services/tools/update-tool";
import { connectAgent, liveTools, refusal, textOf, type Connected } from "@/lib/testing/gateway-clients";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedTeam } from "@/prisma/seed/factories";
import { demoFileRoots } from "@/prisma/seed/gateway-demo";
import { writeDemoFiles } from "@/prisma/seed/demo-files";
import { seedReferenceServer } from "@/prisma/seed/gateway-fixture";
import { seedAgent, seedServer, seedTools } from "@/prisma/seed/registry-factories";
import { wardenApi } from "@/scripts/lib/warden-api";
import { ZGatewayConfig } from "./config";
import { startHttpGateway, type RunningGateway } from "./gateway";

const sys = systemActor("test");
const PKG = "node_modules/@modelcontextprotocol";
const WARDEN_PORT = 3290;
const GATEWAY_PORT = 3291;
// server-postgres (the npm reference server) runs read-only queries on this database.
const PG_URL = "postgresql://postgres@127.0.0.1:5432/test";
const PG_SCHEMA = `warden_gw_${process.pid}`;

describeWithDatabase("Gateway policy depth (argument rules, response controls, sidecar, metrics)", () => {
  const warden = wardenApi(WARDEN_PORT);
  const pgAdmin = new pg.Client({ connectionString: PG_URL });
  let pgUp = false;
  let gw: RunningGateway;
  let files: string;
  let w: Awaited<ReturnType<typeof seed>>;
  const open: Connected[] = [];
  const session = async (slug: string) => {
    const c = await connectAgent(`${gw.url}/mcp/${slug}`, w.key);
    open.push(c);
    return c.client;
  };

  async function seed(pgTools: Tool[]) {
    const team = await seedTeam();
    const everything = await seedReferenceServer("everything", {
      slug: `everything-${team.slug}`,
      ownerTeamId: team.id,
    });
    const filesystem = await seedReferenceServer("filesystem", {
      slug: `files-${team.slug}`,
      ownerTeamId: team.id,
      tools: (await liveTools("node", [`${PKG}/server-filesystem/dist/index.js`, files])) as never,
    });
    const postgres = await seedServer({ slug: `pg-${team.slug}`, name: "server-postgres", ownerTeamId: team.id });
    await seedTools(postgres.slug, pgTools as never);
    for (const t of await db().tool.findMany({ where: { serverId: postgres.id } }))
      await reviewTool(sys, t.id, { definitionHash: t.definitionHash });
    await changeServerStatus(sys, postgres.id, { status: "PENDING_APPROVAL" });
    await changeServerStatus(sys, postgres.id, { status: "ACTIVE" });
    await db().mcpServer.update({ where: { id: postgres.id }, data: { rateLimitPerMinute: 100_000 } });

    const agent = await seedAgent({ teamId: team.id });
    for (const [serverId, name] of [
      [everything.id, "gzip-file-as-resource"],
      [filesystem.id, "write_file"],
    ] as const) {
      const t = await db().tool.findFirstOrThrow({ where: { serverId, name } });
      await updateTool(sys, t.id, { riskOverride: "MEDIUM", requiresApproval: false, reason: "exercised by the test" });
    }
    await createGrant(sys, {
      agentId: agent.id,
      serverId: everything.id,
      allowedTools: ["echo", "get-structured-content", "gzip-file-as-resource"],
      allowedOperations: ["read", "write"],
      // The files gzip-file-as-resource makes: a tool result carries only resources the grant covers.
      allowedResources: ["demo://resource/session/*"],
      deniedFields: ["humidity"],
      argumentRules: [
        { kind: "url", arguments: ["data"], hosts: ["raw.githubusercontent.com"], schemes: ["https", "data"] },
      ],
    });
    await createGrant(sys, {
      agentId: agent.id,
      serverId: filesystem.id,
      allowedTools: ["read_text_file", "list_directory", "list_allowed_directories", "write_file"],
      allowedOperations: ["read", "write"],
      argumentRules: [{ kind: "path", arguments: ["path", "paths", "source", "destination"], ...demoFileRoots(files) }],
    });
    await createGrant(sys, {
      agentId: agent.id,
      serverId: postgres.id,
      allowedTools: ["query"],
      allowedOperations: ["read"],
      allowedObjects: ["accounts"],
      deniedFields: ["ssn"],
      maxRecords: 5,
    });
    const writeFile = await db().tool.findFirstOrThrow({ where: { serverId: filesystem.id, name: "write_file" } });
    await updateTool(sys, writeFile.id, { requiresApproval: true, reason: "writes wait for a human" });
    const token = await createToken(sys, {
      name: `pd-${team.slug}`,
      scopes: ["bundle", "decide", "ingest", "manifest"],
      expiresInDays: 1,
    });
    return {
      everything,
      filesystem,
      postgres,
      agent,
      token: token.token,
      key: (await issueAgentCredential(sys, agent.id)).secret,
    };
  }

  beforeAll(async () => {
    files = realpathSync(mkdtempSync(path.join(tmpdir(), "warden-files-")));
    writeDemoFiles(files);
    // A link inside public/ that points at the private file: the server follows it (it stays in its root).
    symlinkSync(path.join(files, "private", "salaries.csv"), path.join(files, "public", "salaries-link.csv"));
    mkdirSync(path.join(files, "public", "reports"));
    writeFileSync(path.join(files, "public", "reports", "q3.txt"), "q3\n");

    // CI always has PostgreSQL; a laptop on PGlite alone skips the SQL cases (and says so) rather than fail.
    pgUp = await pgAdmin.connect().then(
      () => true,
      (error: unknown) => {
        if (process.env.CI) throw error;
        console.warn(`No PostgreSQL at ${PG_URL}: the server-postgres cases are skipped`);
        return false;
      },
    );
    if (pgUp)
      await pgAdmin.query(`DROP SCHEMA IF EXISTS ${PG_SCHEMA} CASCADE; CREATE SCHEMA ${PG_SCHEMA};
      CREATE TABLE ${PG_SCHEMA}.accounts (id int, name text, ssn text);
      CREATE TABLE ${PG_SCHEMA}.salaries (id int, amount int);
      INSERT INTO ${PG_SCHEMA}.accounts SELECT i, 'acct ' || i, '123-45-' || lpad(i::text, 4, '0') FROM generate_series(1, 20) i;`);
    const pgArgs = [`${PKG}/server-postgres/dist/index.js`, PG_URL];

    await warden.start();
    w = await seed(await liveTools("node", pgArgs));
    gw = await startHttpGateway(
      ZGatewayConfig.parse({
        warden: { url: warden.url, token: w.token },
        listen: `127.0.0.1:${GATEWAY_PORT}`,
        spool_dir: mkdtempSync(path.join(files, "..", "warden-spool-")),
        ship_interval_ms: 100,
        decide_tokens_sha256: [hashSecret(w.token)],
        upstreams: {
          [w.everything.slug]: { command: "node", args: [`${PKG}/server-everything/dist/index.js`, "stdio"] },
          [w.filesystem.slug]: { command: "node", args: [`${PKG}/server-filesystem/dist/index.js`, files] },
          [w.postgres.slug]: { command: "node", args: pgArgs },
        },
      }),
      () => {},
    );
    for (let i = 0; i < 400 && !(await fetch(`${gw.url}/healthz`)).ok; i++) await sleep(50);
  }, 90_000);

  afterAll(async () => {
    await Promise.all(open.map((c) => c.close().catch(() => {})));
    await gw?.close();
    await warden.stop();
    if (pgUp) await pgAdmin.query(`DROP SCHEMA IF EXISTS ${PG_SCHEMA} CASCADE`).catch(() => {});
    await pgAdmin.end().catch(() => {});
  });

  it("confines paths to public/: .., other directories and symlinks out are refused by the rule and by the server's roots", async () => {
    const fs = await session(w.filesystem.slug);
    const read = (p: string) => fs.callTool({ name: "read_text_file", arguments: { path: p } });
    // Relative paths are relative to public/: the rule's base, and the root the server was given.
    expect(textOf(await read("readme.txt")).join("")).toContain("Files the demo agent may read");
    expect(textOf(await read(path.join(files, "public", "reports", "q3.txt"))).join("")).toContain("q3");
    expect(await refusal(read("../private/salaries.csv"))).toBe("path_not_allowed");
    expect(await refusal(read(path.join(files, "private", "salaries.csv")))).toBe("path_not_allowed");
    expect(await refusal(read("reports/../../private/salaries.csv"))).toBe("path_not_allowed");
    expect(await refusal(read(`${files}/public/../../../etc/passwd`))).toBe("path_not_allowed");
    expect(await refusal(read("salaries-link.csv"))).toBe("path_not_allowed");
    expect(await refusal(fs.callTool({ name: "read_text_file", arguments: {} }))).toBe("arguments_unverifiable");
    // A tool that takes no path is not covered by the rule; the server lists the root the gateway gave it.
    const allowed = textOf(await fs.callTool({ name: "list_allowed_directories", arguments: {} })).join("");
    expect(allowed.split("\n").slice(1)).toEqual([path.join(files, "public")]);

    // The server started on the whole folder, without roots, serves all of it: the refusals above are Warden's.
    const direct = new Client({ name: "direct", version: "1.0.0" });
    await direct.connect(
      new StdioClientTransport({ command: "node", args: [`${PKG}/server-filesystem/dist/index.js`, files] }),
    );
    const served = await direct.callTool({ name: "read_text_file", arguments: { path: "public/salaries-link.csv" } });
    expect(textOf(served).join("")).toContain("salary");
    await direct.close();
  });

  it("keeps a fetch-style tool to its egress allow-list, and an omitted URL (the server's default) is refused", async () => {
    const everything = await session(w.everything.slug);
    const gzip = (args: Record<string, unknown>) =>
      everything.callTool({ name: "gzip-file-as-resource", arguments: args });
    expect(await refusal(gzip({ name: "x.gz", data: "https://example.com/secrets" }))).toBe("url_not_allowed");
    expect(await refusal(gzip({ name: "x.gz", data: "http://raw.githubusercontent.com/x" }))).toBe("url_not_allowed");
    expect(await refusal(gzip({ name: "x.gz", data: "file:///etc/passwd" }))).toBe("url_not_allowed");
    expect(await refusal(gzip({ name: "x.gz" }))).toBe("arguments_unverifiable");
    const ok = await gzip({ name: "hi.gz", data: "data:text/plain;base64,aGVsbG8=", outputType: "resourceLink" });
    expect(JSON.stringify(ok)).toContain("hi.gz");
  });

  it("parses SQL with a real parser: a denied table or field and a LIMIT over the grant are refused", async (ctx) => {
    if (!pgUp) ctx.skip();
    const db = await session(w.postgres.slug);
    const q = (sql: string) => db.callTool({ name: "query", arguments: { sql } });
    const rows = JSON.parse(textOf(await q(`SELECT id, name FROM ${PG_SCHEMA}.accounts ORDER BY id LIMIT 3`))[0]);
    expect(rows).toEqual([
      { id: 1, name: "acct 1" },
      { id: 2, name: "acct 2" },
      { id: 3, name: "acct 3" },
    ]);
    expect(await refusal(q(`SELECT id FROM ${PG_SCHEMA}.salaries LIMIT 1`))).toBe("object_not_allowed");
    expect(await refusal(q(`SELECT name, ssn FROM ${PG_SCHEMA}.accounts LIMIT 1`))).toBe("denied_field");
    expect(await refusal(q(`SELECT id FROM ${PG_SCHEMA}.accounts LIMIT 50`))).toBe("record_limit");
    expect(await refusal(q(`SELECT id FROM ${PG_SCHEMA}.accounts`))).toBe("arguments_unverifiable");
    expect(await refusal(q(`SELECT * FROM ${PG_SCHEMA}.accounts LIMIT 1`))).toBe("arguments_unverifiable");
  });

  it("masks denied fields out of results, in structuredContent and in JSON inside text", async () => {
    const everything = await session(w.everything.slug);
    const weather = await everything.callTool({ name: "get-structured-content", arguments: { location: "Chicago" } });
    expect(weather.structuredContent).toHaveProperty("temperature");
    expect(JSON.stringify(weather)).not.toMatch(/humidity/i);

    // A query that never names ssn still returns it inside a JSON value: the result is masked.
    if (!pgUp) return;
    const db = await session(w.postgres.slug);
    const nested = await db.callTool({
      name: "query",
      arguments: { sql: `SELECT id, row_to_json(a) AS account FROM ${PG_SCHEMA}.accounts a ORDER BY id LIMIT 2` },
    });
    const out = JSON.stringify(nested);
    expect(out).toContain("acct 1");
    expect(out).not.toMatch(/ssn|123-45-/);
  });

  it("/v1/decide answers exactly like /api/v1/decisions on a shared table of cases", async () => {
    const ask = async (url: string, body: unknown, init: { type?: string; token?: string | null } = {}) => {
      const res = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": init.type ?? "application/json",
          ...(init.token === null ? {} : { authorization: `Bearer ${init.token ?? w.token}` }),
        },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
      const json = (await res.json()) as Record<string, unknown>;
      const { decisionId, expiresAt, retryAfterSeconds, ...comparable } = json;
      expect(decisionId === undefined || typeof decisionId === "string").toBe(true);
      void expiresAt;
      void retryAfterSeconds;
      return { status: res.status, ...comparable };
    };
    const call = (server: string, tool: string, args: Record<string, unknown>, agent = w.agent.clientId) => ({
      agent,
      server,
      tool,
      arguments: args,
    });
    const cases: [string, unknown, { type?: string; token?: string | null }?][] = [
      ["allowed", call(w.everything.slug, "echo", { message: "hi" })],
      ["no grant", call(w.everything.slug, "get-env", {})],
      ["unknown agent", call(w.everything.slug, "echo", {}, "ghost-agent")],
      ["unknown server", call("shadow-server", "echo", {})],
      ["path outside the roots", call(w.filesystem.slug, "read_text_file", { path: "../private/salaries.csv" })],
      ["path inside", call(w.filesystem.slug, "read_text_file", { path: "readme.txt" })],
      ["off-list URL", call(w.everything.slug, "gzip-file-as-resource", { name: "a", data: "https://example.com" })],
      ["denied field in SQL", call(w.postgres.slug, "query", { sql: "SELECT ssn FROM accounts LIMIT 1" })],
      ["LIMIT over the grant", call(w.postgres.slug, "query", { sql: "SELECT id FROM accounts LIMIT 99" })],
      ["needs approval", call(w.filesystem.slug, "write_file", { path: "new.txt", content: "x" })],
      ["missing agent", { server: w.everything.slug, tool: "echo" }],
      ["arguments not an object", { ...call(w.everything.slug, "echo", {}), arguments: [1] }],
      ["bad JSON", "{not json"],
      ["wrong media type", call(w.everything.slug, "echo", {}), { type: "text/plain" }],
      ["no token", call(w.everything.slug, "echo", {}), { token: null }],
      ["bad token", call(w.everything.slug, "echo", {}), { token: "wdn_not-a-token" }],
    ];
    for (const [name, body, init] of cases) {
      const fromWarden = await ask(`${warden.url}/api/v1/decisions`, body, init);
      const fromSidecar = await ask(`${gw.url}/v1/decide`, body, init);
      expect({ name, ...fromSidecar }).toEqual({ name, ...fromWarden });
    }
    // Each local decision reaches Warden's audit log as a decision, shipped from the gateway's spool.
    const res = await fetch(`${gw.url}/v1/decide`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${w.token}` },
      body: JSON.stringify(cases[0][1]),
    });
    const { decision, decisionId } = (await res.json()) as { decision: string; decisionId: string };
    expect(decision).toBe("allow");
    for (let i = 0; i < 200 && !(await db().auditEvent.findFirst({ where: { eventId: decisionId } })); i++)
      await sleep(50);
    expect(await db().auditEvent.findFirst({ where: { eventId: decisionId } })).toMatchObject({
      category: "DECISION",
      action: "decision.allow",
      outcome: "allow",
    });
  });

  it("names itself to Warden on each bundle poll: the console's gateway list shows it, current", async () => {
    const rows = await listGateways({ type: "USER", id: randomUUID(), email: "a@t", name: "a", roles: ["ADMIN"] });
    const me = rows.find((r) => r.gatewayId === gw.core.gatewayId);
    expect(me).toMatchObject({ current: true, connected: true });
    expect(me!.upstreams.sort()).toEqual([w.everything.slug, w.filesystem.slug, w.postgres.slug].sort());
  });

  it("serves /metrics as Prometheus text: decisions by outcome, latency, spool depth and bundle age", async () => {
    const res = await fetch(`${gw.url}/metrics`);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    const families = parsePrometheusTextFormat(await res.text());
    const family = (name: string) => families.find((f) => f.name === name);
    const decisions = family("warden_gateway_decisions_total")!;
    expect(decisions.type).toBe("COUNTER");
    const count = (outcome: string, rule: string) =>
      decisions.metrics
        .filter((m) => m.labels?.outcome === outcome && m.labels?.rule === rule)
        .reduce((n, m) => n + Number(m.value), 0);
    expect(count("deny", "path_not_allowed")).toBeGreaterThanOrEqual(4);
    expect(count("allow", "grant")).toBeGreaterThanOrEqual(1);
    expect(family("warden_gateway_decision_duration_seconds")?.type).toBe("HISTOGRAM");
    expect(family("warden_gateway_spool_bytes")?.type).toBe("GAUGE");
    const age = Number(family("warden_gateway_bundle_age_seconds")!.metrics[0].value);
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(60);
  });
});
