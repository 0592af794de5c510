import path from "node:path";
import { closeConnection } from "@/lib/db/client";
import { args } from "./lib/args";
import { ensureBuild } from "./lib/ensure-build";
import { benchBackend, benchDatabase } from "./lib/bench-backend";
import { seedIngestCollector } from "./lib/ingest-collector";
import { trafficBodies } from "./lib/traffic-bodies";
import { ingestFloor, storedRows } from "./lib/ingest-floor";
import { serve } from "./lib/serve";

// npm run bench:ingest [-- --batches 60 --senders 2 --backend both|pglite|postgres --profile DIR --port 3201 --db warden_bench_ingest]
// Batches of 1,000 events through POST /api/v1/audit/events on a production server: validation,
// redaction, hash chain, rollups and findings included. Prints the sustained events per second.
// On PostgreSQL, the floor in the same run: the rows Warden stored, written again into an empty table
// made by the migrations, with raw multi-row INSERTs (same batches, same senders) and with one COPY.
// --profile DIR writes the server's V8 CPU profile (node --cpu-prof) there.
const opts = args({
  batches: { type: "string" },
  senders: { type: "string" },
  backend: { type: "string" },
  profile: { type: "string" },
  port: { type: "string" },
  db: { type: "string" },
});
const batches = Number(opts.batches ?? 60);
const senders = Number(opts.senders ?? 2);
const port = Number(opts.port ?? 3201);

ensureBuild();
const backend = benchBackend(opts.backend, ["pglite", "postgres"]);
const dbName = opts.db ?? "warden_bench_ingest";
const fresh = await benchDatabase(dbName, backend);
process.env.WARDEN_SEED_DEMO = "never";
const token = await seedIngestCollector();
await closeConnection();

const bodies = trafficBodies(batches);
// (Node refuses --cpu-prof in NODE_OPTIONS: it goes on the server's own command line.)
const nodeArgs = opts.profile ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(opts.profile)}`] : [];
const server = await serve(port, { nodeArgs });
let stopped = false;
try {
  let next = 0;
  let accepted = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: senders }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/audit/events`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body,
        });
        const out = (await res.json()) as { accepted?: number };
        if (!res.ok) throw new Error(`ingest answered ${res.status}: ${JSON.stringify(out).slice(0, 300)}`);
        accepted += out.accepted ?? 0;
      }
    }),
  );
  const s = (performance.now() - t0) / 1000;
  const rate = accepted / s;
  console.log(
    `ingest [${backend}] ${bodies.length} batches of 1,000, ${senders} senders: ${accepted} events in ${s.toFixed(1)} s = ${rate.toFixed(0)} events/s`,
  );
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  stopped = true;
  if (fresh.kind === "postgres") {
    const rows = await storedRows(process.env.DATABASE_URL as string);
    const floor = await ingestFloor(process.env.DATABASE_URL as string, rows, 1000, senders, `${dbName}_floor`);
    const insertRate = rows.length / floor.insert;
    console.log(
      `floor [postgres] raw multi-row INSERT of the same ${rows.length} rows: ${insertRate.toFixed(0)} rows/s; COPY: ${(rows.length / floor.copy).toFixed(0)} rows/s`,
    );
    console.log(`ratio: Warden over HTTP / raw INSERT = ${(rate / insertRate).toFixed(2)}× (target ≥ 0.6×)`);
  }
} finally {
  if (!stopped) {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  }
  await fresh.drop();
}
