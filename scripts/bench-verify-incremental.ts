import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { verifyChain } from "@/lib/audit/verify-chain";
import { closeConnection, db } from "@/lib/db/client";
import { writeCheckpoint } from "@/lib/services/audit/write-checkpoint";
import { ensureDatabase } from "@/lib/startup/ensure-database";
import { generateTraffic } from "@/lib/simulator/traffic";
import { args } from "./lib/args";
import { benchDatabase } from "./lib/bench-backend";
import { fillAudit, measured } from "./lib/fill-audit";

// npm run bench:verify-incremental [-- --records 1000000] [--database warden_bench_verify_incremental]
// On PostgreSQL (BENCH_POSTGRES_URL's server, a database of its own): appends N tool-call records through
// Warden's audit path in two phases, 29/30 of N dated before the last day (the simulator stops once it has
// the count) then 1/30 of N dated in the last day, with a signed checkpoint
// anchored in a temporary folder between them, as the console writes it. Then times `audit:verify --full`
// (the floor) and the default incremental `audit:verify` (from the newest trusted anchored checkpoint) on
// the same database, and prints records/s, the records each checked, and the ratio full / incremental.
const opts = args({ records: { type: "string" }, database: { type: "string" } });
const records = Number(opts.records ?? 1_000_000);
const lastDay = Math.round(records / 30);
const DAY = 86_400_000;

// A throwaway signing key for this run only: the checkpoint's signature must be trusted to start from it.
process.env.WARDEN_SIGNING_KEY = generateKeyPairSync("ed25519")
  .privateKey.export({ type: "pkcs8", format: "pem" })
  .toString();
const anchorsDir = await mkdtemp(path.join(tmpdir(), "warden-bench-anchors-"));
const fresh = await benchDatabase(opts.database ?? "warden_bench_verify_incremental", "postgres");
process.env.WARDEN_SEED_DEMO = "never";

try {
  await ensureDatabase();
  const now = Date.now();
  const t0 = performance.now();
  let filled = await fillAudit(
    generateTraffic({ days: 29, now: new Date(now - DAY), ratePerHour: Math.ceil(records / 380), seed: 5 }),
    records - lastDay,
  );
  const checkpoint = await writeCheckpoint({ anchorsDir });
  if (!checkpoint) throw new Error("no checkpoint was written (is WARDEN_SIGNING_KEY read?)");
  // A high rate so the day holds its share whatever weekday it is; the fill stops at the count.
  filled += await fillAudit(
    generateTraffic({ days: 1, now: new Date(now), ratePerHour: Math.ceil(lastDay / 4), seed: 6 }),
    lastDay,
  );
  console.log(
    `filled ${filled} records in ${((performance.now() - t0) / 1000).toFixed(0)} s; checkpoint at #${checkpoint.sequence}`,
  );

  // The machine's load beside each figure: on a shared host the times move with it.
  const load = () => `load average ${loadavg()[0].toFixed(1)}`;
  const full = await measured(() => verifyChain(db(), { anchorsDir }));
  const fullLoad = load();
  const incremental = await measured(() => verifyChain(db(), { anchorsDir, incremental: true }));
  const incrementalLoad = load();
  for (const [name, r] of [
    ["full", full],
    ["incremental", incremental],
  ] as const)
    if (!r.result.ok) throw new Error(`${name} verification did not pass: ${JSON.stringify(r.result).slice(0, 300)}`);
  if (full.result.checked !== filled || incremental.result.checked !== filled - Number(checkpoint.sequence))
    throw new Error(`checked ${full.result.checked} (full) and ${incremental.result.checked} (incremental)`);
  const line = (name: string, r: typeof full, loadNow: string) =>
    `${name} [postgres] ${r.result.checked} records checked: ${r.seconds.toFixed(2)} s = ` +
    `${(r.result.checked / r.seconds).toFixed(0)} records/s, peak RSS ${r.peakMb.toFixed(0)} MB, ${loadNow}`;
  console.log(line("incremental (last day)", incremental, incrementalLoad));
  console.log(line("full (floor)          ", full, fullLoad));
  console.log(`ratio: full / incremental time = ${(full.seconds / incremental.seconds).toFixed(1)}×`);
} finally {
  await closeConnection();
  await fresh.drop();
  await rm(anchorsDir, { recursive: true, force: true });
}
