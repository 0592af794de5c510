import { DEMO_DECISIONS, generateTraffic, type SimEvent } from "@/lib/simulator/traffic";
import { args } from "./lib/args";

// npm run simulate -- --days 30 --rate 100 [--url http://localhost:3000] [--token wdn_…]
// Plays the demo organisation's gateway traffic against a running Warden through the real APIs:
// decisions at /api/v1/decisions, then the call logs at /api/v1/audit/events in batches of 1,000.
// The token needs the scopes decide and ingest (npm run token:create -- --name sim --scopes decide,ingest).
const opts = args({
  days: { type: "string" },
  rate: { type: "string" },
  url: { type: "string" },
  token: { type: "string" },
  seed: { type: "string" },
});
const url = (opts.url ?? process.env.WARDEN_URL ?? "http://localhost:3000").replace(/\/$/, "");
const token = opts.token ?? process.env.WARDEN_TOKEN;
if (!token) {
  console.error("Give a token with scopes decide,ingest: --token wdn_… or WARDEN_TOKEN");
  process.exit(2);
}
const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };

async function post(path: string, body: unknown) {
  const res = await fetch(`${url}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
  const json = await res.json();
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(json).slice(0, 500)}`);
  return json;
}

const t0 = performance.now();
const decisions: Record<string, number> = {};
for (const d of DEMO_DECISIONS) {
  const r = (await post("/api/v1/decisions", d)) as { decision: string };
  decisions[r.decision] = (decisions[r.decision] ?? 0) + 1;
}
let accepted = 0;
let duplicates = 0;
let batch: SimEvent[] = [];
const flush = async () => {
  // All or nothing: a generated event ingest refuses is a bug in the generator, and stops the run.
  const r = (await post("/api/v1/audit/events?atomic=true", { events: batch })) as {
    accepted: number;
    duplicates: number;
  };
  accepted += r.accepted;
  duplicates += r.duplicates;
  batch = [];
};
for (const e of generateTraffic({
  days: Number(opts.days ?? 30),
  ratePerHour: Number(opts.rate ?? 100),
  seed: Number(opts.seed ?? 42),
})) {
  batch.push(e);
  if (batch.length === 1000) await flush();
}
if (batch.length) await flush();
const s = (performance.now() - t0) / 1000;
console.log(
  `Simulated ${accepted + duplicates} events (${accepted} accepted, ${duplicates} already there) and decisions ${JSON.stringify(decisions)} in ${s.toFixed(1)} s`,
);
