import { systemActor } from "@/lib/authz/actor";
import { closeConnection } from "@/lib/db/client";
import { ensureDatabase } from "@/lib/startup/ensure-database";
import { createToken } from "@/lib/services/tokens/create-token";
import { seedDecisionWorld } from "@/prisma/seed/decision-fixture";
import { db } from "@/lib/db/client";
import { evaluate } from "@/lib/policy/decide";
import { RateLimiter } from "@/lib/policy/rate-limiter";
import { currentSnapshot } from "@/lib/policy/snapshot-cache";
import { args } from "./lib/args";
import { ensureBuild } from "./lib/ensure-build";
import { benchBackend, benchDatabase } from "./lib/bench-backend";
import { percentile } from "./lib/percentile";
import { serve } from "./lib/serve";

// npm run bench:decisions [-- --seconds 30 --clients 16 --rates 100,200 --backend both|pglite|postgres]
// A production server on a fresh database, hammered by concurrent gateway clients with a mix of
// allowed, denied and pending calls. Prints latency percentiles and throughput per backend: first at
// saturation (each client sends its next call as soon as it has an answer), then at fixed offered
// rates, where latency is counted from each call's scheduled time (no coordinated omission): the
// latency a gateway adds to a tool call when Warden is not the bottleneck.
const opts = args({
  seconds: { type: "string" },
  clients: { type: "string" },
  backend: { type: "string" },
  rates: { type: "string" },
});
const seconds = Number(opts.seconds ?? 30);
const clients = Number(opts.clients ?? 16);
const rates = (opts.rates ?? "100,200")
  .split(",")
  .map(Number)
  .filter((r) => r > 0);
const port = 3200;

async function prepare() {
  process.env.WARDEN_SEED_DEMO = "never";
  await ensureDatabase();
  const w = await seedDecisionWorld();
  await db().mcpServer.update({ where: { id: w.server.id }, data: { rateLimitPerMinute: 10_000_000 } });
  await db().orgSettings.update({ where: { id: 1 }, data: { registryVersion: { increment: 1 } } });
  const { token } = await createToken(systemActor("bench"), {
    name: "bench-gateway",
    scopes: ["decide"],
    expiresInDays: 1,
  });
  // The engine alone, on the in-memory snapshot: what a decision costs before HTTP and the audit write.
  const snapshot = await currentSnapshot();
  const limiter = new RateLimiter();
  const n = 100_000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++)
    evaluate(
      snapshot,
      {
        agent: w.agent.clientId,
        server: w.server.slug,
        tool: "query_records",
        arguments: { object: "Case", limit: i % 100 },
      },
      new Date(),
      limiter,
    );
  console.log(`engine [in-process] ${n} evaluations: ${(((performance.now() - t0) * 1000) / n).toFixed(1)} µs each`);
  await closeConnection();
  return { agent: w.agent.clientId, server: w.server.slug, token };
}

type Kind = "allow" | "deny" | "pending";

function mix(w: { agent: string; server: string }, i: number): { kind: Kind; body: unknown } {
  const r = i % 20;
  if (r < 12)
    return {
      kind: "allow",
      body: {
        agent: w.agent,
        server: w.server,
        tool: "query_records",
        arguments: { object: "Case", limit: 10 + (i % 50) },
      },
    };
  if (r < 16)
    return {
      kind: "deny",
      body: { agent: w.agent, server: w.server, tool: "query_records", arguments: { fields: ["SSN__c"] } },
    };
  if (r < 17)
    return { kind: "deny", body: { agent: "unknown-bot", server: w.server, tool: "query_records", arguments: {} } };
  return {
    kind: "pending",
    body: {
      agent: w.agent,
      server: w.server,
      tool: "update_record",
      arguments: { id: `rec-${i % 200}` },
      onBehalfOf: "bench@corp.example",
    },
  };
}

async function load(w: { agent: string; server: string; token: string }, seconds: number, rate?: number) {
  const latencies: number[] = [];
  const wrong: Record<string, number> = {};
  let i = 0;
  const start = performance.now();
  const until = start + seconds * 1000;
  const client = async () => {
    while (performance.now() < until) {
      const n = i++;
      const { kind, body } = mix(w, n);
      const scheduled = rate ? start + (n * 1000) / rate : performance.now();
      if (scheduled >= until) break;
      if (scheduled > performance.now()) await new Promise((r) => setTimeout(r, scheduled - performance.now()));
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/decisions`, {
        method: "POST",
        headers: { authorization: `Bearer ${w.token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const out = (await res.json()) as { decision: string };
      latencies.push(performance.now() - scheduled);
      if (out.decision !== kind) wrong[`${kind}->${out.decision}`] = (wrong[`${kind}->${out.decision}`] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return { latencies, wrong };
}

ensureBuild();
const backend = benchBackend(opts.backend, ["pglite", "postgres"]);
const fresh = await benchDatabase("warden_bench", backend);
{
  const world = await prepare();
  const server = await serve(port);
  try {
    await load(world, 3); // warm-up: JIT, connection pools, snapshot cache
    for (const rate of [undefined, ...rates]) {
      const span = rate ? Math.min(seconds, 15) : seconds;
      const { latencies, wrong } = await load(world, span, rate);
      const sorted = [...latencies].sort((a, b) => a - b);
      console.log(
        `decisions [${backend}] ${clients} clients, ${rate ? `offered ${rate}/s` : "saturated"}, ${span} s: ${latencies.length} decisions, ${(latencies.length / span).toFixed(0)}/s, ` +
          `p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms` +
          (Object.keys(wrong).length ? `, unexpected outcomes ${JSON.stringify(wrong)}` : ""),
      );
    }
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    await fresh.drop();
  }
}
