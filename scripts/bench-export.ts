import { readFileSync } from "node:fs";
import { encode } from "next-auth/jwt";
import { systemActor } from "@/lib/authz/actor";
import { closeConnection, connection } from "@/lib/db/client";
import { createUser } from "@/lib/services/users/create-user";
import { ensureDatabase } from "@/lib/startup/ensure-database";
import { args } from "./lib/args";
import { benchBackend, benchDatabase } from "./lib/bench-backend";
import { ensureBuild } from "./lib/ensure-build";
import { serve } from "./lib/serve";

// npm run bench:export [-- --events 1000000 --format csv|ndjson --backend postgres|pglite|both]
// Fills the audit log with N realistic tool-call rows (SQL, straight into the table: this measures the
// export, not ingest), then streams GET /api/console/audit/export from a production server and reports
// the time, the rate, the time to first byte and the server's peak RSS growth while it streams.
// Floor, measured in the same run: the database itself serialising every row to JSON (no HTTP, no CSV).
const opts = args({ events: { type: "string" }, format: { type: "string" }, backend: { type: "string" } });
const events = Number(opts.events ?? 1_000_000);
const format = opts.format === "ndjson" ? "ndjson" : "csv";
const port = 3205;

ensureBuild();
const backend = benchBackend(opts.backend ?? "postgres", ["postgres", "pglite"]);
const fresh = await benchDatabase("warden_bench_export", backend);
process.env.WARDEN_SEED_DEMO = "never";
process.env.NEXTAUTH_SECRET ??= "bench-secret-0123456789abcdef0123456789";
await ensureDatabase();
const auditor = await createUser(systemActor("bench"), {
  email: "auditor@bench.local",
  name: "Auditor",
  password: "bench-password-123",
  roles: ["AUDITOR"],
  teamIds: [],
});

const fill = performance.now();
await connection().withSession(async (s) => {
  // Rows shaped like ingested calls: indexed columns, redacted arguments and attributes as JSON.
  await s.exec(`INSERT INTO "AuditEvent" (sequence, id, "occurredAt", "actorType", "actorLabel", category, action,
      "targetType", "targetId", outcome, attributes, "eventId", server, tool, agent, "onBehalfOf", "sessionId", "prevHash", hash)
    SELECT g, gen_random_uuid(), now() - (g || ' seconds')::interval, 'AGENT', 'agent-' || (g % 12), 'TOOL_CALL', 'tools/call',
      'McpServer', gen_random_uuid()::text, CASE WHEN g % 17 = 0 THEN 'error' ELSE 'success' END,
      json_build_object('arguments', json_build_object('object', 'Case', 'id', 'c-' || g, 'fields', json_build_object('Status', 'Closed')),
        'latencyMs', g % 900, 'recordsReturned', g % 40, 'ingestedBy', 'token:gateway'),
      'evt-' || g, 'server-' || (g % 10), 'tool_' || (g % 30), 'agent-' || (g % 12), 'user' || (g % 500) || '@corp.example',
      'sess-' || (g / 20), md5(g::text) || md5((g + 1)::text), md5((g + 2)::text) || md5((g + 3)::text)
    FROM generate_series(1, ${events}) AS g`);
});
const fillSeconds = (performance.now() - fill) / 1000;
const f0 = performance.now();
const [floor] = await connection().withSession((s) =>
  s.query<{ n: string; bytes: string }>(
    `SELECT count(*) AS n, sum(length(row_to_json(e)::text)) AS bytes FROM "AuditEvent" e`,
  ),
);
const floorSeconds = (performance.now() - f0) / 1000;
await closeConnection();

const cookie = `next-auth.session-token=${await encode({ token: { sub: auditor.id }, secret: process.env.NEXTAUTH_SECRET })}`;
const server = await serve(port);
const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
try {
  const url = `http://127.0.0.1:${port}/api/console/audit/export?format=${format}`;
  // Warm-up: compile the route and open the database before measuring.
  await (await fetch(`${url}&server=none`, { headers: { cookie } })).text();
  const baseline = rss();
  let peak = baseline;
  const poll = setInterval(() => (peak = Math.max(peak, rss())), 100);
  const t0 = performance.now();
  const res = await fetch(url, { headers: { cookie } });
  if (!res.ok || !res.body) throw new Error(`export answered ${res.status}`);
  let firstByte = 0;
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body) {
    if (!firstByte) firstByte = performance.now() - t0;
    bytes += chunk.length;
    for (const b of chunk) if (b === 10) lines++;
  }
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(poll);
  peak = Math.max(peak, rss());
  const rows = format === "csv" ? lines - 1 : lines;
  const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
  console.log(
    `export [${backend}] of ${rows} events as ${format.toUpperCase()} (${mb(bytes)} MB; filled in ${fillSeconds.toFixed(0)} s):`,
  );
  console.log(`  time to first byte          ${firstByte.toFixed(0)} ms`);
  console.log(
    `  total                       ${seconds.toFixed(1)} s (${(rows / seconds).toFixed(0)} events/s)   target ≤ 30 s`,
  );
  console.log(
    `  server RSS                  ${mb(baseline)} MB before, ${mb(peak)} MB peak: growth ${mb(peak - baseline)} MB   target < 200 MB`,
  );
  console.log(
    `  floor: the database serialising ${floor.n} rows to JSON: ${floorSeconds.toFixed(1)} s; export/floor ratio ${(seconds / floorSeconds).toFixed(1)}x`,
  );
  if (rows !== events) console.log(`  WARNING: ${rows} rows exported, ${events} expected`);
} finally {
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  await fresh.drop();
}
