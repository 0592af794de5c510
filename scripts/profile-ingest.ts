import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { POST } from "@/app/api/v1/audit/events/route";
import { closeConnection } from "@/lib/db/client";
import { args } from "./lib/args";
import { benchDatabase } from "./lib/bench-backend";
import { printSummary, summariseProfile } from "./lib/cpu-profile-summary";
import { seedIngestCollector } from "./lib/ingest-collector";
import { trafficBodies } from "./lib/traffic-bodies";

// npx tsx scripts/profile-ingest.ts [-- --batches 30 --warmup 5 --db warden_profile_ingest --out ingest.cpuprofile]
// The ingest route's handler (token, body, parse, validation, redaction, chain, rollups, findings), called
// in this process without HTTP on a fresh PostgreSQL database (BENCH_POSTGRES_URL's server), one batch of
// 1,000 events after another, under V8's CPU profiler for the measured batches only. Prints the handler's
// time and the top functions, inclusive and self, for the same fixed workload (the same traffic, seed 11).
const opts = args({
  batches: { type: "string" },
  warmup: { type: "string" },
  db: { type: "string" },
  out: { type: "string" },
});
const batches = Number(opts.batches ?? 30);
const warmup = Number(opts.warmup ?? 5);

const fresh = await benchDatabase(opts.db ?? "warden_profile_ingest", "postgres");
process.env.WARDEN_SEED_DEMO = "never";
try {
  const token = await seedIngestCollector();
  const bodies = trafficBodies(warmup + batches);
  const send = async (body: string) => {
    const res = await POST(
      new Request("http://127.0.0.1/api/v1/audit/events", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body,
      }),
    );
    const out = (await res.json()) as { accepted?: number };
    if (!res.ok || out.accepted !== 1000) throw new Error(`ingest answered ${res.status}: ${JSON.stringify(out)}`);
  };
  for (const body of bodies.slice(0, warmup)) await send(body);
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (const body of bodies.slice(warmup)) await send(body);
  const cpu = process.cpuUsage(cpu0);
  const ms = performance.now() - t0;
  const { profile } = await session.post("Profiler.stop");
  session.disconnect();
  if (opts.out) writeFileSync(opts.out, JSON.stringify(profile));
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(
    `${batches} batches of 1,000: ${ms.toFixed(0)} ms wall (${(ms / batches).toFixed(0)} µs/event), ` +
      `${cpuMs.toFixed(0)} ms CPU in this process (${(cpuMs / batches).toFixed(0)} µs/event)`,
  );
  printSummary(summariseProfile(profile), 30, (name) => !name.includes("node_modules") && !name.startsWith("("));
} finally {
  await closeConnection();
  await fresh.drop();
}
