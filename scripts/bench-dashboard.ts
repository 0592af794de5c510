import { encode } from "next-auth/jwt";
import { verifyChain } from "@/lib/audit/verify-chain";
import { closeConnection, db } from "@/lib/db/client";
import { ensureDatabase } from "@/lib/startup/ensure-database";
import { seedDemo } from "@/prisma/seed/demo";
import { args } from "./lib/args";
import { ensureBuild } from "./lib/ensure-build";
import { benchBackend, benchDatabase } from "./lib/bench-backend";
import { loadEvents } from "./lib/load-events";
import { percentile } from "./lib/percentile";
import { serve } from "./lib/serve";

// npm run bench:dashboard [-- --events 1000000 --runs 40 --backend postgres|pglite|both]
// Loads N simulated calls over 90 days through the ingest service (hash chain, rollups, findings),
// then times the dashboard API (7 and 30 days) and an explorer page filtered by server and 7 days on a
// production server, and `audit:verify` over the whole chain. Prints p50/p95 per query.
const opts = args({ events: { type: "string" }, runs: { type: "string" }, backend: { type: "string" } });
const events = Number(opts.events ?? 1_000_000);
const runs = Number(opts.runs ?? 40);
const port = 3202;

ensureBuild();
const backend = benchBackend(opts.backend === "both" ? "both" : (opts.backend ?? "postgres"), ["postgres", "pglite"]);
const fresh = await benchDatabase("warden_bench_dash", backend);
process.env.WARDEN_SEED_DEMO = "never";
process.env.NEXTAUTH_SECRET ??= "bench-secret-0123456789abcdef0123456789";
await ensureDatabase();
await seedDemo("bench-password-123");
const t0 = performance.now();
const loaded = await loadEvents(events, 90, (n) => process.stdout.write(`\r  loaded ${n} events…`));
const loadSeconds = (performance.now() - t0) / 1000;
console.log(
  `\r  loaded ${loaded} events in ${loadSeconds.toFixed(0)} s (${(loaded / loadSeconds).toFixed(0)} events/s, in-process)`,
);
const v0 = performance.now();
const verified = await verifyChain(db());
const verifySeconds = (performance.now() - v0) / 1000;
const admin = await db().user.findUniqueOrThrow({ where: { email: "admin@warden.local" } });
await closeConnection();

const cookie = `next-auth.session-token=${await encode({ token: { sub: admin.id }, secret: process.env.NEXTAUTH_SECRET })}`;
const server = await serve(port);
try {
  const time = async (label: string, path: string) => {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { cookie } });
      await res.text();
      if (!res.ok) throw new Error(`${path} answered ${res.status}`);
      samples.push(performance.now() - s);
    }
    samples.sort((a, b) => a - b);
    console.log(
      `  ${label.padEnd(36)} p50 ${percentile(samples, 50).toFixed(0)} ms, p95 ${percentile(samples, 95).toFixed(0)} ms`,
    );
  };
  const from = new Date(Date.now() - 7 * 86_400_000).toISOString();
  console.log(`dashboard [${backend}] with ${loaded} events, ${runs} runs each:`);
  await time("dashboard API, 7 days", "/api/console/dashboard?range=7d");
  await time("dashboard API, 30 days", "/api/console/dashboard?range=30d");
  await time("explorer, server=salesforce-crm, 7 d", `/api/console/audit?server=salesforce-crm&from=${from}&limit=50`);
  await time("explorer, all events, first page", "/api/console/audit?limit=50");
  console.log(
    `  audit:verify over ${verified.checked} records: ${verifySeconds.toFixed(1)} s (${verified.ok ? "OK" : "FAILED"})`,
  );
} finally {
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  await fresh.drop();
}
