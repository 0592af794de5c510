import { randomUUID } from "node:crypto";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import {
  CallToolRequestSchema,
  CallToolResultSchema,
  isInitializeRequest,
  ListToolsRequestSchema,
} from "@modelcontextprotocol/sdk/types.js";
import { systemActor } from "@/lib/authz/actor";
import { hashSecret } from "@/lib/crypto/prefixed-secret";
import { closeConnection, useConnection as installConnection } from "@/lib/db/client";
import { decideCall } from "@/lib/gateway/decide-call";
import { BundleHolder } from "@/lib/gateway/bundle-holder";
import { WardenClient } from "@/lib/gateway/warden-client";
import { RateLimiter } from "@/lib/policy/rate-limiter";
import { issueAgentCredential } from "@/lib/services/agent-credentials/issue-agent-credential";
import { createGrant } from "@/lib/services/grants/create-grant";
import { setOrgPause } from "@/lib/services/org/set-org-pause";
import { createToken } from "@/lib/services/tokens/create-token";
import { openTestDatabase } from "@/lib/testing/test-database";
import { seedReferenceServer } from "@/prisma/seed/gateway-fixture";
import { seedAgent } from "@/prisma/seed/registry-factories";
import { args } from "./lib/args";
import { percentile } from "./lib/percentile";
import { wardenApi } from "./lib/warden-api";

// npm run bench:gateway [-- --calls 2000 --rounds 5 --decides 20000 --ship-live]
// tools/call latency against server-everything's echo: direct over stdio, through a bare SDK
// pass-through proxy (streamable HTTP in, stdio out), and through the Warden gateway (the same, plus
// the decision, the audit spool and the identity checks); then the in-process decision alone. The
// two proxies answer with JSON bodies, and their clients take turns, so both see the same machine.
const opts = args({
  calls: { type: "string" },
  rounds: { type: "string" },
  decides: { type: "string" },
  "serve-bare": { type: "string" },
  load: { type: "string" },
  token: { type: "string" },
  "ship-live": { type: "boolean" },
});
const calls = Number(opts.calls ?? 2000);
const rounds = Number(opts.rounds ?? 5);
const decides = Number(opts.decides ?? 20_000);
const DECIDE_CLIENTS = 16;
const EVERYTHING = ["node_modules/@modelcontextprotocol/server-everything/dist/index.js", "stdio"];
const sys = systemActor("bench");

async function barePassThrough(port: number) {
  const upstream = new Client({ name: "bare-proxy", version: "1.0.0" });
  await upstream.connect(new StdioClientTransport({ command: "node", args: EVERYTHING, stderr: "ignore" }));
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const http = createServer(async (req, res) => {
    if (req.url === "/ready") return res.writeHead(200).end();
    if (req.url === "/floor") return floor(req, res);
    const id = req.headers["mcp-session-id"];
    if (typeof id === "string") return sessions.get(id)!.handleRequest(req, res);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString());
    if (!isInitializeRequest(body)) return res.writeHead(400).end();
    const server = new Server({ name: "bare", version: "1.0.0" }, { capabilities: { tools: {} } });
    server.setRequestHandler(ListToolsRequestSchema, (r) => upstream.listTools(r.params));
    server.setRequestHandler(CallToolRequestSchema, (r, extra) =>
      upstream.request({ method: "tools/call", params: r.params }, CallToolResultSchema, { signal: extra.signal }),
    );
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      enableJsonResponse: true,
      onsessioninitialized: (sid) => void sessions.set(sid, transport),
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  });
  await new Promise<void>((r) => http.listen(port, "127.0.0.1", r));
  return http;
}

/** The floor for /v1/decide: a bare Node server that reads the JSON body and answers a fixed decision. */
async function floor(req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  JSON.parse(Buffer.concat(chunks).toString());
  res.writeHead(200, { "content-type": "application/json" }).end(FLOOR_ANSWER);
}
const FLOOR_ANSWER = JSON.stringify({
  decision: "allow",
  reasons: ["floor"],
  decisionId: randomUUID(),
  policyVersion: "x",
});

/** `clients` loops posting the same decision over keep-alive connections: latencies and decisions a second. */
async function load(url: string, body: string, headers: Record<string, string>, clients: number, total: number) {
  const latencies: number[] = [];
  const started = performance.now();
  let left = total;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (left-- > 0) {
        const t = performance.now();
        const res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body,
        });
        const answer = (await res.json()) as { decision?: string };
        if (answer.decision !== "allow") throw new Error(`${url} answered ${res.status} ${JSON.stringify(answer)}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), perSecond: total / ((performance.now() - started) / 1000) };
}

async function httpClient(url: string, headers: Record<string, string> = {}) {
  const client = new Client({ name: "bench", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

async function timeCalls(client: Client, n: number, into: number[]) {
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await client.callTool({ name: "echo", arguments: { message: `m${i}` } });
    into.push(performance.now() - t);
  }
}

const fmt = (xs: number[], unit = "ms", scale = 1) =>
  `p50 ${(percentile(xs, 50) * scale).toFixed(3)} ${unit}   p99 ${(percentile(xs, 99) * scale).toFixed(3)} ${unit}`;

const decideBody = JSON.stringify({
  agent: "bench-agent",
  server: "everything",
  tool: "echo",
  arguments: { message: "hi" },
});
if (opts.load) {
  // A child process of the bench: the load generator, on its own event loop, away from Warden's ingest.
  const auth = { authorization: `Bearer ${opts.token}` };
  await load(opts.load, decideBody, auth, DECIDE_CLIENTS, 2_000); // warm-up
  console.log(JSON.stringify(await load(opts.load, decideBody, auth, DECIDE_CLIENTS, decides)));
  process.exit(0);
}

/** Runs the load generator in a child process and reads its figures. */
async function loadFromChild(url: string) {
  const proc = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/bench-gateway.ts", "--load", url, "--token", token, "--decides", String(decides)],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let out = "";
  proc.stdout.on("data", (c: Buffer) => (out += c));
  await new Promise((r) => proc.on("close", r));
  return JSON.parse(out.trim().split("\n").pop()!) as { latencies: number[]; perSecond: number };
}

if (opts["serve-bare"]) {
  // A child process of the bench: the bare pass-through, alone on its event loop like the gateway.
  await barePassThrough(Number(opts["serve-bare"]));
  console.log("ready");
  await new Promise(() => {});
}

function child(argv: string[], ready: () => Promise<boolean>) {
  const proc = spawn(process.execPath, ["--import", "tsx", ...argv], { stdio: ["ignore", "ignore", "ignore"] });
  const wait = async () => {
    while (!(await ready().catch(() => false))) await new Promise((r) => setTimeout(r, 100));
  };
  return { proc, wait };
}

const conn = await openTestDatabase("pglite");
installConnection(conn.conn);
const warden = wardenApi(3290);
await warden.start();
const server = await seedReferenceServer("everything");
const agent = await seedAgent({ clientId: "bench-agent" });
await createGrant(sys, { agentId: agent.id, serverId: server.id, allowedTools: ["echo"], allowedOperations: ["read"] });
// The same agent with argument rules: paths confined to a root, fetches to an allow-list.
const files = await seedReferenceServer("filesystem");
const filesRoot = mkdtempSync(path.join(tmpdir(), "bench-files-"));
mkdirSync(path.join(filesRoot, "public", "reports"), { recursive: true });
writeFileSync(path.join(filesRoot, "public", "reports", "q3.txt"), "q3\n");
await createGrant(sys, {
  agentId: agent.id,
  serverId: files.id,
  allowedTools: ["read_text_file"],
  allowedOperations: ["read"],
  argumentRules: [
    { kind: "path", arguments: ["path", "paths"], roots: [path.join(filesRoot, "public")], base: filesRoot },
    { kind: "pattern", tools: ["read_text_file"], arguments: ["path"], pattern: "[A-Za-z0-9_./-]+" },
  ],
});
const { token } = await createToken(sys, {
  name: "bench",
  scopes: ["bundle", "decide", "ingest", "manifest"],
  expiresInDays: 1,
});
const { secret } = await issueAgentCredential(sys, agent.id);

const dir = mkdtempSync(path.join(tmpdir(), "bench-gateway-"));
const configFile = path.join(dir, "gateway.json");
writeFileSync(
  configFile,
  JSON.stringify({
    warden: { url: warden.url, token },
    listen: "127.0.0.1:3291",
    response_mode: "json",
    decide_tokens_sha256: [hashSecret(token)],
    spool_dir: path.join(dir, "spool"),
    // Warden runs in this process, on the same two cores: its ingest of the spooled events would be
    // measured as the gateway's cost. Events are spooled on every call as always, and shipped after
    // (--ship-live ships every second, as in production, and shows what sharing the cores costs).
    ship_interval_ms: opts["ship-live"] ? 1_000 : 60_000,
    upstreams: { everything: { command: "node", args: EVERYTHING } },
  }),
);
const gatewayUrl = "http://127.0.0.1:3291";
const gateway = child(
  ["scripts/gateway.ts", "--config", configFile],
  async () => (await fetch(`${gatewayUrl}/healthz`)).ok,
);
const bare = child(["scripts/bench-gateway.ts", "--serve-bare", "3292"], async () => {
  return (await fetch("http://127.0.0.1:3292/ready")).ok;
});
await Promise.all([gateway.wait(), bare.wait()]);

const direct = new Client({ name: "bench", version: "1.0.0" });
await direct.connect(new StdioClientTransport({ command: "node", args: EVERYTHING, stderr: "ignore" }));
const viaBare = await httpClient("http://127.0.0.1:3292/mcp");
const viaGateway = await httpClient(`${gatewayUrl}/mcp/everything`, { authorization: `Bearer ${secret}` });

const results = { direct: [] as number[], bare: [] as number[], gateway: [] as number[] };
for (const c of [direct, viaBare, viaGateway]) await timeCalls(c, 200, []); // warm-up
for (let r = 0; r < rounds; r++) {
  const per = Math.ceil(calls / rounds);
  await timeCalls(direct, per, results.direct);
  await timeCalls(viaBare, per, results.bare);
  await timeCalls(viaGateway, per, results.gateway);
}

// The decision alone, over the bundle as a gateway holds it.
const holder = new BundleHolder(new WardenClient(warden.url, token), 60_000);
await holder.start();
while (!holder.view().ok) await new Promise((r) => setTimeout(r, 20));
const view = holder.view();
/** In-process decisions of one call (µs each); the clock moves 1 ms a decision, so rate limits are counted, not hit. */
function timeDecisions(server: string, tool: string, args: Record<string, unknown>, filesHere = false) {
  const limiter = new RateLimiter();
  const toolHash = view.bundle!.snapshot.servers.get(server)!.tools.get(tool)!.approvedHash ?? undefined;
  const input = { agent: "bench-agent", server, tool, arguments: args, toolHash };
  const out: number[] = [];
  const start = Date.now();
  for (let i = 0; i < 120_000; i++) {
    const t = process.hrtime.bigint();
    const e = decideCall(view, input, new Date(start + i), limiter, filesHere);
    const dt = Number(process.hrtime.bigint() - t) / 1e3;
    if (e.outcome !== "allow") throw new Error(`bench decision is ${e.outcome}: ${e.reasons}`);
    if (i >= 20_000) out.push(dt);
  }
  return out;
}
const decisions = timeDecisions("everything", "echo", { message: "hi" });
const ruled = timeDecisions("filesystem", "read_text_file", { path: "public/reports/q3.txt" });
const ruledOnDisk = timeDecisions("filesystem", "read_text_file", { path: "public/reports/q3.txt" }, true);

// /v1/decide on the gateway's port, 16 clients, next to a bare Node server's floor on the same machine.
const floorRun = await loadFromChild("http://127.0.0.1:3292/floor");
const sidecarRun = await loadFromChild(`${gatewayUrl}/v1/decide`);

// How long a kill switch takes to reach a running gateway: commit in Warden -> the gateway's bundle.
const propagation: number[] = [];
for (let i = 0; i < 10; i++) {
  const paused = i % 2 === 0;
  const t = performance.now();
  await setOrgPause(sys, { paused, reason: "bench: kill-switch propagation" });
  while (holder.view().bundle?.paused !== paused) await new Promise((r) => setTimeout(r, 2));
  propagation.push(performance.now() - t);
}

for (const xs of [...Object.values(results), decisions, ruled, ruledOnDisk, propagation]) xs.sort((a, b) => a - b);
const added = percentile(results.gateway, 50) - percentile(results.bare, 50);
console.log(`tools/call (server-everything echo), ${calls} calls each, interleaved in ${rounds} rounds:`);
console.log(`  direct (stdio)                 ${fmt(results.direct)}`);
console.log(`  bare SDK pass-through (HTTP)   ${fmt(results.bare)}`);
console.log(`  Warden gateway (HTTP)          ${fmt(results.gateway)}`);
console.log(
  `  gateway over pass-through: +${added.toFixed(3)} ms p50 (target ≤ 0.5 ms), ratio ${(percentile(results.gateway, 50) / percentile(results.bare, 50)).toFixed(2)}`,
);
console.log(`org pause reaching the gateway, ${propagation.length} toggles: ${fmt(propagation)} (promise: under 1 s)`);
console.log(`in-process decision, ${decisions.length} calls: ${fmt(decisions, "µs")} (target p50 ≤ 20 µs)`);
console.log(`  with argument rules (path root + pattern):          ${fmt(ruled, "µs")} (target p50 ≤ 5 µs)`);
console.log(`  the same, resolving symlinks on disk (stdio upstream): ${fmt(ruledOnDisk, "µs")}`);
const rate = (r: { perSecond: number }) => `${Math.round(r.perSecond).toLocaleString("en")} decisions/s`;
console.log(`POST /v1/decide, ${DECIDE_CLIENTS} clients, ${decides} decisions each run:`);
console.log(`  bare Node http floor   ${fmt(floorRun.latencies)}   ${rate(floorRun)}`);
console.log(`  gateway /v1/decide     ${fmt(sidecarRun.latencies)}   ${rate(sidecarRun)}`);
console.log(
  `  rate ratio to the floor ${(sidecarRun.perSecond / floorRun.perSecond).toFixed(2)} (target ≥ 0.5), p50 ${percentile(sidecarRun.latencies, 50).toFixed(3)} ms (target ≤ 3 ms)`,
);

await Promise.all([direct.close(), viaBare.close(), viaGateway.close()]);
holder.stop();
gateway.proc.kill("SIGTERM");
bare.proc.kill("SIGTERM");
await warden.stop();
await closeConnection();
await conn.drop();
process.exit(0);
