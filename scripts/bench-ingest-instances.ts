import type { ChildProcess } from "node:child_process";
import { loadavg } from "node:os";
import { verifyChain } from "@/lib/audit/verify-chain";
import { closeConnection, db } from "@/lib/db/client";
import { generateTraffic } from "@/lib/simulator/traffic";
import { args } from "./lib/args";
import { benchDatabase } from "./lib/bench-backend";
import { ensureBuild } from "./lib/ensure-build";
import { seedIngestCollector } from "./lib/ingest-collector";
import { loadBalancer } from "./lib/load-balancer";
import { serve } from "./lib/serve";

// npm run bench:ingest-instances [-- --batches 40 --port 3360 --db warden_bench_ingest_instances]
// Ingest with one console against two on the same PostgreSQL database (BENCH_POSTGRES_URL's server).
// Floor, in the same run: one production console, 2 senders posting batches of 1,000 events to
// POST /api/v1/audit/events. Then a second console on the same database, both behind a round-robin load
// balancer, and 4 senders. Each phase sends --batches batches of fresh events. At the end the chain is
// verified whole and the stored tool-call count must equal the events sent: no loss, no duplicate.
// Ports: --port (console A), +1 (console B), +2 (the load balancer).
const opts = args({ batches: { type: "string" }, port: { type: "string" }, db: { type: "string" } });
const batches = Number(opts.batches ?? 40);
const port = Number(opts.port ?? 3360);

ensureBuild();
const fresh = await benchDatabase(opts.db ?? "warden_bench_ingest_instances", "postgres");
process.env.WARDEN_SEED_DEMO = "never";
const consoles: ChildProcess[] = [];
let lb: Awaited<ReturnType<typeof loadBalancer>> | null = null;

const stop = async (child: ChildProcess) => {
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
};

try {
  const token = await seedIngestCollector();
  const baseline = await db().auditEvent.count({ where: { eventId: { not: null } } });

  // Every event sent once, whichever phase: 2 × batches of 1,000, plus a warm-up batch of 10 per console.
  const events = generateTraffic({ days: 30, ratePerHour: 4000, seed: 12 });
  const take = (n: number) => Array.from({ length: n }, () => events.next().value!);
  const bodies = (n: number) => Array.from({ length: n }, () => JSON.stringify({ events: take(1000) }));
  let sent = 0;
  const post = async (url: string, body: string) => {
    const res = await fetch(`${url}/api/v1/audit/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body,
    });
    const out = (await res.json()) as { accepted?: number };
    if (!res.ok) throw new Error(`ingest answered ${res.status}: ${JSON.stringify(out).slice(0, 300)}`);
    sent += JSON.parse(body).events.length;
    return out.accepted ?? 0;
  };
  // The first request to a fresh server compiles the route: not part of the figure.
  const warm = (url: string) => post(url, JSON.stringify({ events: take(10) }));
  const phase = async (url: string, senders: number, payloads: string[]) => {
    let next = 0;
    let accepted = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: senders }, async () => {
        while (next < payloads.length) {
          // Awaited first: `accepted += await …` would add to the value read before the await.
          const n = await post(url, payloads[next++]);
          accepted += n;
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    return { accepted, seconds, rate: accepted / seconds, load: loadavg()[0] };
  };

  const serverEnv = { ...process.env, NODE_ENV: "production" as const };
  const a = `http://127.0.0.1:${port}`;
  const b = `http://127.0.0.1:${port + 1}`;
  consoles.push(await serve(port, { env: serverEnv }));
  await warm(a);
  const one = await phase(a, 2, bodies(batches));
  consoles.push(await serve(port + 1, { env: serverEnv }));
  await warm(b);
  lb = await loadBalancer([a, b], port + 2);
  const two = await phase(lb.url, 4, bodies(batches));
  await Promise.all(consoles.map(stop));

  const stored = (await db().auditEvent.count({ where: { eventId: { not: null } } })) - baseline;
  const chain = await verifyChain(db(), { anchorsDir: null });
  const line = (name: string, r: typeof one) =>
    `${name}: ${r.accepted} events in ${r.seconds.toFixed(1)} s = ${r.rate.toFixed(0)} events/s (load average ${r.load.toFixed(1)})`;
  console.log(line("ingest [postgres] one console, 2 senders (floor)", one));
  console.log(line("ingest [postgres] two consoles behind a load balancer, 4 senders", two));
  console.log(`ratio: two / one = ${(two.rate / one.rate).toFixed(2)}×`);
  console.log(
    `sent ${sent} events, stored ${stored}; chain ${chain.ok ? `intact (${chain.checked} records)` : `BROKEN: ${JSON.stringify(chain)}`}`,
  );
  if (stored !== sent || !chain.ok) process.exitCode = 1;
} finally {
  await Promise.all(consoles.map(stop));
  await new Promise((r) => (lb ? lb.server.close(r) : r(null)));
  await closeConnection();
  await fresh.drop();
}
