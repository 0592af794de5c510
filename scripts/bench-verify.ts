import { verifyChain } from "@/lib/audit/verify-chain";
import { CHAIN_BATCH } from "@/lib/audit/chain-rows";
import { closeConnection, db } from "@/lib/db/client";
import { ensureDatabase } from "@/lib/startup/ensure-database";
import { generateTraffic } from "@/lib/simulator/traffic";
import { args } from "./lib/args";
import { benchDatabase } from "./lib/bench-backend";
import { fillAudit, measured } from "./lib/fill-audit";
import { verifyFloor } from "./lib/verify-floor";

// npm run bench:verify [-- --records 1000000]
// On PostgreSQL (BENCH_POSTGRES_URL's server, a database of its own): appends N tool-call records through
// Warden's own audit path (redaction, canonical JSON, hash chain), then verifies the whole chain as
// `audit:verify --full` does, and reports records/s and the peak RSS. Floor, in the same run: the same rows
// read through one cursor by a bare pg client, with the same sha256 chain computed in plain Node.
const opts = args({ records: { type: "string" } });
const records = Number(opts.records ?? 1_000_000);

const fresh = await benchDatabase("warden_bench_verify", "postgres");
process.env.WARDEN_SEED_DEMO = "never";
await ensureDatabase();

const fill = performance.now();
const filled = await fillAudit(generateTraffic({ days: 30, ratePerHour: Math.ceil(records / 400), seed: 5 }), records);
console.log(`filled ${filled} records in ${((performance.now() - fill) / 1000).toFixed(0)} s`);

try {
  const url = process.env.DATABASE_URL as string;
  const floor = await measured(() => verifyFloor(url, CHAIN_BATCH));
  if (floor.result.bad !== 0 || floor.result.rows !== filled)
    throw new Error(`the floor read ${floor.result.rows} rows, ${floor.result.bad} of them not as stored`);
  const warden = await measured(() => verifyChain(db(), { anchorsDir: null }));
  if (!warden.result.ok || warden.result.checked !== filled)
    throw new Error(`verification did not pass: ${JSON.stringify(warden.result).slice(0, 300)}`);
  const rate = (r: { seconds: number }) => filled / r.seconds;
  const mem = (r: { beforeMb: number; peakMb: number }) =>
    `peak RSS ${r.peakMb.toFixed(0)} MB (${r.beforeMb.toFixed(0)} MB before)`;
  console.log(
    `verify [postgres] ${filled} records: ${warden.seconds.toFixed(1)} s = ${rate(warden).toFixed(0)} records/s, ${mem(warden)}`,
  );
  console.log(
    `floor  [postgres] one cursor + sha256 chain in plain Node: ${floor.seconds.toFixed(1)} s = ${rate(floor).toFixed(0)} records/s, ${mem(floor)}`,
  );
  console.log(`ratio: Warden / floor = ${(rate(warden) / rate(floor)).toFixed(2)}× (target ≥ 0.5×)`);
} finally {
  await closeConnection();
  await fresh.drop();
}
