import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { AUDIT_COLUMNS, GENESIS_HASH, bodyAt, prepareBody, type ChainRecord } from "@/lib/audit/chain";
import { verifyChain } from "@/lib/audit/verify-chain";
import { sha256Hex } from "@/lib/crypto/sha256";
import { connectPostgres } from "@/lib/db/connection";
import { closeConnection, db, useConnection as installConnection } from "@/lib/db/client";
import { migrate, migrationsDir } from "@/lib/db/migrate";
import { createScratchDatabase } from "@/lib/db/scratch-database";
import { args } from "./lib/args";

// npm run bench:audit-upgrade [-- --records 1000000 --db-prefix NAME]
// On PostgreSQL (BENCH_POSTGRES_URL, else DATABASE_URL): migrates a fresh database up to just before the
// audit partitioning, fills the old unpartitioned AuditEvent with N chained records (six months of claimed
// times, some late), then applies the partitioning migration and reports how long it took. Proves that no
// row was lost or re-hashed: a checksum of every stored column (recordedAt aside) before and after, and the
// whole chain verified afterwards.
const opts = args({ records: { type: "string" }, "db-prefix": { type: "string" } });
const records = Number(opts.records ?? 1_000_000);
const PARTITIONING = "20261207180000_audit_partitions";
const serverUrl = process.env.BENCH_POSTGRES_URL ?? process.env.DATABASE_URL;
if (!serverUrl?.startsWith("postgres"))
  throw new Error("Set BENCH_POSTGRES_URL (or DATABASE_URL) to a PostgreSQL server");

const scratch = await createScratchDatabase(serverUrl, `${opts["db-prefix"] ?? "warden_bench_upgrade"}_${Date.now()}`);
const conn = connectPostgres(scratch.url, 4);
const before = await mkdtemp(path.join(tmpdir(), "warden-migrations-"));
const COLUMNS = AUDIT_COLUMNS.map((c) => `"${c}"`).join(", ");
// Every column the migration carries over, as text, hashed per row and summed: order-free, and any change shows.
const CHECKSUM = `SELECT count(*)::text AS rows, sum(('x' || substr(md5(row(${COLUMNS})::text), 1, 15))::bit(60)::bigint)::text AS sum FROM "AuditEvent"`;

try {
  for (const name of (await readdir(migrationsDir())).filter((n) => n < PARTITIONING && !n.endsWith(".toml")))
    await cp(path.join(migrationsDir(), name), path.join(before, name), { recursive: true });
  await migrate(conn, before);

  const fill = performance.now();
  const start = Date.now() - 180 * 86_400_000;
  let prevHash = GENESIS_HASH;
  for (let from = 1; from <= records; from += 10_000) {
    const rows: string[] = [];
    for (let s = from; s < Math.min(from + 10_000, records + 1); s++) {
      // Claimed times run forward over six months; every 97th event arrives two days late.
      const claimed = start + (s / records) * 180 * 86_400_000 - (s % 97 === 0 ? 2 * 86_400_000 : 0);
      const record: Omit<ChainRecord, "sequence"> = {
        id: crypto.randomUUID(),
        occurredAt: new Date(claimed),
        actorType: "AGENT",
        actorId: null,
        actorLabel: `agent-${s % 7}`,
        category: "TOOL_CALL",
        action: "tools/call",
        targetType: null,
        targetId: null,
        outcome: s % 13 === 0 ? "deny" : "success",
        before: null,
        after: null,
        attributes: { arguments: { query: `q${s}` }, latencyMs: s % 500 },
        eventId: `evt-${s}`,
        server: `server-${s % 5}`,
        tool: `tool-${s % 11}`,
        agent: `agent-${s % 7}`,
        onBehalfOf: null,
        sessionId: null,
      };
      const body = bodyAt(prepareBody(record), BigInt(s));
      const hash = sha256Hex(prevHash, body);
      rows.push(`{"prevHash":"${prevHash}","hash":"${hash}",${body.slice(1)}`);
      prevHash = hash;
    }
    await conn.prisma.$executeRawUnsafe(
      `INSERT INTO "AuditEvent" (${COLUMNS}) SELECT ${COLUMNS} FROM json_populate_recordset(NULL::"AuditEvent", $1::json)`,
      `[${rows.join(",")}]`,
    );
  }
  console.log(`filled ${records} records in ${((performance.now() - fill) / 1000).toFixed(0)} s`);
  const [old] = await conn.prisma.$queryRawUnsafe<{ rows: string; sum: string }[]>(CHECKSUM);

  const t0 = performance.now();
  const result = await migrate(conn);
  const seconds = (performance.now() - t0) / 1000;
  if (!result.applied.includes(PARTITIONING)) throw new Error(`${PARTITIONING} was not applied`);
  const [now] = await conn.prisma.$queryRawUnsafe<{ rows: string; sum: string }[]>(CHECKSUM);
  const [{ partitions }] = await conn.prisma.$queryRawUnsafe<{ partitions: number }[]>(
    `SELECT count(*)::int AS partitions FROM pg_inherits WHERE inhparent = '"AuditEvent"'::regclass`,
  );
  console.log(`upgrade [postgres] ${records} records into ${partitions} monthly partitions: ${seconds.toFixed(1)} s`);
  if (old.rows !== now.rows || old.sum !== now.sum)
    throw new Error(`rows changed: ${old.rows} rows (checksum ${old.sum}) before, ${now.rows} (${now.sum}) after`);
  console.log(`every row kept as it was: ${now.rows} rows, column checksum ${now.sum} before and after`);
  installConnection(conn);
  const v0 = performance.now();
  const verified = await verifyChain(db(), { anchorsDir: null });
  if (!verified.ok || verified.checked !== records)
    throw new Error(`the chain does not verify: ${JSON.stringify(verified)}`);
  console.log(
    `the chain verifies from the first record: ${verified.checked} records in ${((performance.now() - v0) / 1000).toFixed(1)} s`,
  );
} finally {
  await closeConnection().catch(() => {});
  await conn.close().catch(() => {});
  await scratch.drop();
  await rm(before, { recursive: true, force: true });
}
