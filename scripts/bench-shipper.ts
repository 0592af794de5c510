import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { systemActor } from "@/lib/authz/actor";
import { hashSecret } from "@/lib/crypto/prefixed-secret";
import { closeConnection, db, useConnection as installConnection } from "@/lib/db/client";
import { connectPglite, connectPostgres } from "@/lib/db/connection";
import { migrate } from "@/lib/db/migrate";
import { createScratchDatabase } from "@/lib/db/scratch-database";
import { issueAgentCredential } from "@/lib/services/agent-credentials/issue-agent-credential";
import { createGrant } from "@/lib/services/grants/create-grant";
import { createToken } from "@/lib/services/tokens/create-token";
import { seedReferenceServer } from "@/prisma/seed/gateway-fixture";
import { seedAgent } from "@/prisma/seed/registry-factories";
import { args } from "./lib/args";
import { wardenApi } from "./lib/warden-api";

// npm run bench:shipper [-- --seconds 20 --clients 8 --port 3290 --backend postgres|pglite]
// Does the gateway's shipper keep up with one gateway at its own maximum call rate? `clients` MCP
// clients (a child process) call server-everything's echo through a real gateway (its own process) as
// fast as it answers, for `seconds`; the gateway spools every call and ships every second, as in
// production, to Warden's real ingest route over HTTP (this process, on PostgreSQL by default). Prints
// the calls/s the gateway produced, the events/s the shipper delivered (rows stored by Warden), and the
// spool's size each second, then how long the spool takes to drain once the calls stop.
const opts = args({
  seconds: { type: "string" },
  clients: { type: "string" },
  port: { type: "string" },
  backend: { type: "string" },
  load: { type: "string" },
  secret: { type: "string" },
});
const seconds = Number(opts.seconds ?? 20);
const clients = Number(opts.clients ?? 8);

if (opts.load) {
  // The load generator, on its own event loop: connects every client, says "ready", then calls until the
  // time is up and prints how many calls it made.
  const sessions = await Promise.all(
    Array.from({ length: clients }, async () => {
      const client = new Client({ name: "bench-shipper", version: "1.0.0" });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(opts.load!), {
          requestInit: { headers: { authorization: `Bearer ${opts.secret}` } },
        }),
      );
      return client;
    }),
  );
  console.log("ready");
  const until = Date.now() + seconds * 1000;
  let calls = 0;
  await Promise.all(
    sessions.map(async (client) => {
      while (Date.now() < until) {
        const result = await client.callTool({ name: "echo", arguments: { message: `m${calls}` } });
        if (result.isError) throw new Error(`the gateway refused a call: ${JSON.stringify(result).slice(0, 300)}`);
        calls++;
      }
      await client.close();
    }),
  );
  console.log(JSON.stringify({ calls }));
  process.exit(0);
}

const port = Number(opts.port ?? 3290);
const sys = systemActor("bench");
const backend = opts.backend ?? "postgres";
const scratch =
  backend === "postgres"
    ? await createScratchDatabase(
        process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
        `ingest_bench_shipper_${Date.now()}`,
      )
    : null;
const conn = scratch ? connectPostgres(scratch.url) : connectPglite("memory://");
await migrate(conn);
installConnection(conn);
const warden = wardenApi(port);
await warden.start();
const server = await seedReferenceServer("everything");
const agent = await seedAgent({ clientId: "bench-agent" });
await createGrant(sys, { agentId: agent.id, serverId: server.id, allowedTools: ["echo"], allowedOperations: ["read"] });
const { token } = await createToken(sys, {
  name: "bench",
  scopes: ["bundle", "decide", "ingest", "manifest"],
  expiresInDays: 1,
});
const { secret } = await issueAgentCredential(sys, agent.id);

const dir = mkdtempSync(path.join(tmpdir(), "bench-shipper-"));
const configFile = path.join(dir, "gateway.json");
const gatewayUrl = `http://127.0.0.1:${port + 1}`;
writeFileSync(
  configFile,
  JSON.stringify({
    warden: { url: warden.url, token },
    listen: `127.0.0.1:${port + 1}`,
    response_mode: "json",
    decide_tokens_sha256: [hashSecret(token)],
    spool_dir: path.join(dir, "spool"),
    ship_interval_ms: 1_000,
    upstreams: {
      everything: {
        command: "node",
        args: [path.resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js"), "stdio"],
      },
    },
  }),
);
const gateway = spawn(process.execPath, ["--import", "tsx", "scripts/gateway.ts", "--config", configFile], {
  stdio: "ignore",
});
try {
  const ready = Date.now() + 120_000;
  while (
    !(await fetch(`${gatewayUrl}/healthz`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (Date.now() > ready) throw new Error(`the gateway did not become healthy on ${gatewayUrl} within 120 s`);
    await new Promise((r) => setTimeout(r, 100));
  }

  const spoolBytes = async () => {
    const text = await (await fetch(`${gatewayUrl}/metrics`)).text();
    return Number(/^warden_gateway_spool_bytes (\S+)$/m.exec(text)?.[1] ?? NaN);
  };
  const stored = () => db().auditEvent.count({ where: { eventId: { not: null } } });
  type Sample = { t: number; spool: number; stored: number };
  const samples: Sample[] = [];
  let t0 = 0;
  const sample = async () =>
    samples.push({ t: (performance.now() - t0) / 1000, spool: await spoolBytes(), stored: await stored() });

  const load = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "scripts/bench-shipper.ts",
      ...["--load", `${gatewayUrl}/mcp/everything`, "--secret", secret],
      ...["--seconds", String(seconds), "--clients", String(clients)],
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let out = "";
  const loadDone = new Promise<number | null>((r) => load.on("close", r));
  let running = true;
  void loadDone.then(() => (running = false));
  // The clock starts once every client is connected (a loaded machine takes long to start the child).
  await new Promise<void>((resolve) =>
    load.stdout.on("data", (c: Buffer) => {
      out += c;
      if (out.includes("ready")) resolve();
    }),
  );
  t0 = performance.now();
  const before = await stored();
  while (running) {
    await sample();
    await new Promise((r) => setTimeout(r, 1000));
  }
  if ((await loadDone) !== 0) throw new Error("the load generator failed");
  await sample();
  const loadEnd = samples[samples.length - 1];
  const { calls } = JSON.parse(out.trim().split("\n").pop()!) as { calls: number };
  // Drain: until Warden holds every call the gateway made (at most a minute).
  while ((await stored()) < before + calls && performance.now() - t0 < (seconds + 60) * 1000)
    await new Promise((r) => setTimeout(r, 250));
  await sample();
  const end = samples[samples.length - 1];

  const during = samples.filter((s) => s.t <= loadEnd.t);
  const callRate = calls / seconds;
  const shipRate = (loadEnd.stored - before) / loadEnd.t;
  console.log(`shipper [${backend}], ${clients} MCP clients calling echo through one gateway for ${seconds} s:`);
  console.log(`  gateway produced   ${calls} calls = ${callRate.toFixed(0)} calls/s`);
  console.log(
    `  shipper delivered  ${loadEnd.stored - before} events stored by Warden while the calls ran = ${shipRate.toFixed(0)} events/s`,
  );
  console.log(
    `  delivered / produced ${(shipRate / callRate).toFixed(2)} (keeps up at ≥ 0.9 with a 1 s ship interval)`,
  );
  console.log(
    `  spool bytes each second: ${during.map((s) => (s.spool / 1024).toFixed(0) + "k").join(" ")} (max ${(Math.max(...during.map((s) => s.spool)) / 1024).toFixed(0)}k)`,
  );
  console.log(
    `  drained: ${end.stored - before} of ${calls} stored ${(end.t - loadEnd.t).toFixed(1)} s after the calls stopped; spool ${(end.spool / 1024).toFixed(0)}k`,
  );
} finally {
  gateway.kill("SIGTERM");
  await new Promise((r) => gateway.once("exit", r));
  await warden.stop();
  await closeConnection();
  await scratch?.drop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
