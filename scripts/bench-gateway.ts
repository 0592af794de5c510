import { randomUUID } from "node:crypto";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
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
import { serveBarePassThrough } from "./lib/bare-mcp-proxy";
import { callsPerSecond, echo, memoryOf, openSession, timeEach, type AgentSession } from "./lib/mcp-sessions";
import { percentile } from "./lib/percentile";
import { wardenApi } from "./lib/warden-api";

// npm run bench:gateway [-- --calls 2000 --rounds 5 --concurrent-calls 1600 --opens 10 --decides 20000 --port 3290 --ship-live
//   --profile <dir>]
// The Warden gateway against a bare SDK pass-through proxy (streamable HTTP in, one stdio upstream per agent
// session, JSON bodies: ./lib/bare-mcp-proxy.ts), each in its own process, measured in the same run, their
// clients taking turns so both see the same machine: session open and first call, tools/call and tools/list
// latency on one session (server-everything's echo; direct over stdio too), calls/s over 16 concurrent
// sessions, memory per idle session (the proxy's own, and its upstream process's); then the in-process
// decision alone, /v1/decide, and how fast an org pause reaches a gateway. --profile <dir> also writes a CPU
// profile of each proxy over `calls` more tools/calls on one session (./lib/cpu-profile-on-signal.mjs).
const opts = args({
  calls: { type: "string" },
  rounds: { type: "string" },
  "concurrent-calls": { type: "string" },
  opens: { type: "string" },
  decides: { type: "string" },
  port: { type: "string" },
  "serve-bare": { type: "string" },
  load: { type: "string" },
  token: { type: "string" },
  "ship-live": { type: "boolean" },
  profile: { type: "string" },
});
const calls = Number(opts.calls ?? 2000);
const rounds = Number(opts.rounds ?? 5);
const concurrentCalls = Number(opts["concurrent-calls"] ?? 1600);
const opens = Number(opts.opens ?? 10);
const decides = Number(opts.decides ?? 20_000);
const port = Number(opts.port ?? 3290);
const DECIDE_CLIENTS = 16;
const SESSIONS = 16;
const EVERYTHING = ["node_modules/@modelcontextprotocol/server-everything/dist/index.js", "stdio"];
const sys = systemActor("bench");

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
  // Exit once the figures are written: stdout to a pipe is asynchronous, and exiting at once cut them short.
  const figures = JSON.stringify(await load(opts.load, decideBody, auth, DECIDE_CLIENTS, decides));
  process.stdout.write(`${figures}\n`, () => process.exit(0));
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
  await serveBarePassThrough(Number(opts["serve-bare"]), ["node", ...EVERYTHING], FLOOR_ANSWER);
  console.log("ready");
  await new Promise(() => {});
}

function child(label: string, argv: string[], ready: () => Promise<boolean>) {
  const hook = opts.profile ? ["--import", "./scripts/lib/cpu-profile-on-signal.mjs"] : [];
  const env = opts.profile
    ? { ...process.env, BENCH_CPU_PROFILE_DIR: path.resolve(opts.profile), BENCH_CPU_PROFILE_LABEL: label }
    : process.env;
  const proc = spawn(process.execPath, ["--import", "tsx", ...hook, ...argv], {
    stdio: ["ignore", "ignore", "ignore"],
    env,
  });
  const wait = async () => {
    while (!(await ready().catch(() => false))) await new Promise((r) => setTimeout(r, 100));
  };
  return { proc, wait };
}

const conn = await openTestDatabase("pglite");
installConnection(conn.conn);
const warden = wardenApi(port);
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
    listen: `127.0.0.1:${port + 1}`,
    response_mode: "json",
    decide_tokens_sha256: [hashSecret(token)],
    spool_dir: path.join(dir, "spool"),
    // Warden runs in this process, on the same two cores: its ingest of the spooled events would be
    // measured as the gateway's cost. Events are spooled on every call as always, and shipped after
    // (--ship-live ships every second, as in production, and shows what sharing the cores costs).
    ship_interval_ms: opts["ship-live"] ? 1_000 : 60_000,
    // Every session of the bench at once, and room to spare (default 32).
    // The config is in a temporary folder, which is a stdio upstream's cwd unless told (./lib/gateway/config.ts).
    upstreams: { everything: { command: "node", args: EVERYTHING, cwd: process.cwd(), max_sessions: 64 } },
  }),
);
const gatewayUrl = `http://127.0.0.1:${port + 1}`;
const bareUrl = `http://127.0.0.1:${port + 2}`;
const gateway = child(
  "gateway",
  ["scripts/gateway.ts", "--config", configFile],
  async () => (await fetch(`${gatewayUrl}/healthz`)).ok,
);
const bare = child("bare", ["scripts/bench-gateway.ts", "--serve-bare", String(port + 2)], async () => {
  return (await fetch(`${bareUrl}/ready`)).ok;
});
// However the bench ends, its proxies (and their upstream processes) end with it.
process.on("exit", () => [gateway.proc, bare.proc].forEach((p) => p.kill("SIGTERM")));
await Promise.all([gateway.wait(), bare.wait()]);

const auth = { authorization: `Bearer ${secret}` };
const targets = {
  bare: () => openSession(`${bareUrl}/mcp`),
  gateway: () => openSession(`${gatewayUrl}/mcp/everything`, auth),
};
type Target = keyof typeof targets;
const both = <T>(make: () => T) => ({ bare: make(), gateway: make() });

// Session open (initialize, with the upstream session it opens) and the first call on it, then ended.
const opened = both(() => [] as number[]);
const firstCall = both(() => [] as number[]);
for (let i = 0; i < opens + 1; i++)
  for (const name of ["bare", "gateway"] as Target[]) {
    const t = performance.now();
    const s = await targets[name]();
    const t1 = performance.now();
    await echo(s.client, 0);
    const t2 = performance.now();
    await s.end();
    if (i === 0) continue; // warm-up
    opened[name].push(t1 - t);
    firstCall[name].push(t2 - t1);
  }
await new Promise((r) => setTimeout(r, 500)); // the ended sessions' upstream processes exit

// 16 sessions on each, idle after one call: the proxy's memory, and its upstream processes'.
const pids = { bare: bare.proc.pid!, gateway: gateway.proc.pid! };
const before = both(() => ({ own: 0, upstreams: 0, upstreamRss: 0 }));
for (const name of ["bare", "gateway"] as Target[]) before[name] = memoryOf(pids[name]);
const pool = both(() => [] as AgentSession[]);
for (let i = 0; i < SESSIONS; i++)
  for (const name of ["bare", "gateway"] as Target[]) {
    const s = await targets[name]();
    await echo(s.client, 0);
    pool[name].push(s);
  }
await new Promise((r) => setTimeout(r, 1_000));
const idle = both(() => ({ own: 0, upstreams: 0, upstreamRss: 0 }));
for (const name of ["bare", "gateway"] as Target[]) idle[name] = memoryOf(pids[name]);

// calls/s over the 16 sessions, the two proxies taking turns.
const rates = both(() => [] as number[]);
for (const name of ["bare", "gateway"] as Target[]) await callsPerSecond(pool[name], SESSIONS * 10); // warm-up
for (let r = 0; r < rounds; r++)
  for (const name of ["bare", "gateway"] as Target[])
    rates[name].push(await callsPerSecond(pool[name], Math.ceil(concurrentCalls / rounds)));
for (const name of ["bare", "gateway"] as Target[]) await Promise.all(pool[name].map((s) => s.end()));

// tools/call and tools/list on one session each, in turns.
const direct = new Client({ name: "bench", version: "1.0.0" });
await direct.connect(new StdioClientTransport({ command: "node", args: EVERYTHING, stderr: "ignore" }));
const one = { direct, bare: (await targets.bare()).client, gateway: (await targets.gateway()).client };
const results = { direct: [] as number[], bare: [] as number[], gateway: [] as number[] };
const lists = both(() => [] as number[]);
for (const c of Object.values(one)) await timeEach(200, (i) => echo(c, i), []); // warm-up
for (let r = 0; r < rounds; r++) {
  const per = Math.ceil(calls / rounds);
  for (const name of ["direct", "bare", "gateway"] as const)
    await timeEach(per, (i) => echo(one[name], i), results[name]);
  for (const name of ["bare", "gateway"] as const)
    await timeEach(Math.ceil(per / 10), () => one[name].listTools(), lists[name]);
}

/**
 * Starts or stops the CPU profiler in both proxies, one after the other: each answers with SIGUSR2, and two
 * answers arriving together would be delivered as one.
 */
async function toggleProfilers() {
  for (const p of [gateway.proc, bare.proc]) {
    const answered = new Promise((resolve) => process.once("SIGUSR2", resolve));
    p.kill("SIGUSR2");
    await answered;
  }
}
if (opts.profile) {
  mkdirSync(opts.profile, { recursive: true });
  await toggleProfilers();
  // Call by call in turns, so both see the same machine.
  await timeEach(calls, async (i) => [await echo(one.bare, i), await echo(one.gateway, i)], []);
  await toggleProfilers();
  console.log(`CPU profiles of ${calls} tools/calls on each proxy written to ${opts.profile}`);
}

const sorted = [results, lists, opened, firstCall].flatMap((o) => Object.values(o) as number[][]);
for (const xs of sorted) xs.sort((a, b) => a - b);
const p = (xs: number[], q: number) => percentile(xs, q);
const addedLine = (label: string, of: { bare: number[]; gateway: number[] }, targets = "") =>
  console.log(
    `  ${label}: +${(p(of.gateway, 50) - p(of.bare, 50)).toFixed(3)} ms p50, +${(p(of.gateway, 99) - p(of.bare, 99)).toFixed(3)} ms p99${targets}, p50 ratio ${(p(of.gateway, 50) / p(of.bare, 50)).toFixed(2)}`,
  );
console.log(
  `tools/call (server-everything echo), one session each, ${calls} calls each, in ${rounds} rounds of turns:`,
);
console.log(`  direct (stdio)                 ${fmt(results.direct)}`);
console.log(`  bare SDK pass-through (HTTP)   ${fmt(results.bare)}`);
console.log(`  Warden gateway (HTTP)          ${fmt(results.gateway)}`);
addedLine("added by the gateway", results, " (targets ≤ 0.5 ms p50, ≤ 2 ms p99)");
console.log(`tools/list (the upstream's page, filtered for the agent), ${lists.bare.length} lists each:`);
console.log(`  bare ${fmt(lists.bare)}   gateway ${fmt(lists.gateway)}`);
addedLine("added by the gateway", lists);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rate = { bare: median(rates.bare), gateway: median(rates.gateway) };
console.log(
  `tools/call over ${SESSIONS} concurrent sessions, ${concurrentCalls} calls each in ${rounds} rounds (median round):`,
);
console.log(
  `  bare ${Math.round(rate.bare)} calls/s   gateway ${Math.round(rate.gateway)} calls/s   ratio ${(rate.gateway / rate.bare).toFixed(2)} (target ≥ 0.8)`,
);
console.log(`session open (initialize + its upstream session; stdio: a process), ${opens} sessions each:`);
console.log(`  bare ${fmt(opened.bare)}   gateway ${fmt(opened.gateway)}`);
addedLine("added by the gateway", opened);
console.log(`  first call on a new session: bare ${fmt(firstCall.bare)}   gateway ${fmt(firstCall.gateway)}`);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
console.log(`memory per idle session (${SESSIONS} sessions open, idle 1 s after one call; RSS, loaded):`);
for (const name of ["bare", "gateway"] as Target[]) {
  const added = idle[name].upstreams - before[name].upstreams;
  console.log(
    `  ${name.padEnd(7)} proxy ${mb((idle[name].own - before[name].own) / SESSIONS)} per session (${mb(before[name].own)} -> ${mb(idle[name].own)}),` +
      ` upstream process ${mb(idle[name].upstreamRss / Math.max(1, idle[name].upstreams))} each (${added} new of ${idle[name].upstreams})`,
  );
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

for (const xs of [decisions, ruled, ruledOnDisk]) xs.sort((a, b) => a - b);
// The decisions above held this process (and Warden in it) for a while: the gateway's bundle may have
// aged past its limit, and it fails closed until its next poll. Wait for a fresh one.
while (
  !(await fetch(`${gatewayUrl}/healthz`).then(
    (r) => r.ok,
    () => false,
  ))
)
  await new Promise((r) => setTimeout(r, 100));
// /v1/decide on the gateway's port, 16 clients, next to a bare Node server's floor on the same machine.
const floorRun = await loadFromChild(`${bareUrl}/floor`);
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
propagation.sort((a, b) => a - b);

console.log(`org pause reaching the gateway, ${propagation.length} toggles: ${fmt(propagation)} (promise: under 1 s)`);
console.log(`in-process decision, ${decisions.length} calls: ${fmt(decisions, "µs")} (target p50 ≤ 20 µs)`);
console.log(`  with argument rules (path root + pattern):          ${fmt(ruled, "µs")} (target p50 ≤ 5 µs)`);
console.log(`  the same, resolving symlinks on disk (stdio upstream): ${fmt(ruledOnDisk, "µs")}`);
const perSecond = (r: { perSecond: number }) => `${Math.round(r.perSecond).toLocaleString("en")} decisions/s`;
console.log(`POST /v1/decide, ${DECIDE_CLIENTS} clients, ${decides} decisions each run:`);
console.log(`  bare Node http floor   ${fmt(floorRun.latencies)}   ${perSecond(floorRun)}`);
console.log(`  gateway /v1/decide     ${fmt(sidecarRun.latencies)}   ${perSecond(sidecarRun)}`);
console.log(
  `  rate ratio to the floor ${(sidecarRun.perSecond / floorRun.perSecond).toFixed(2)} (target ≥ 0.5), p50 ${percentile(sidecarRun.latencies, 50).toFixed(3)} ms (target ≤ 3 ms)`,
);

await Promise.all(Object.values(one).map((c) => c.close()));
holder.stop();
gateway.proc.kill("SIGTERM");
bare.proc.kill("SIGTERM");
await warden.stop();
await closeConnection();
await conn.drop();
process.exit(0);
