import { spawn } from "node:child_process";
import pg from "pg";
import { createScratchDatabase } from "@/lib/db/scratch-database";
import { connectPostgres } from "@/lib/db/connection";
import { migrate } from "@/lib/db/migrate";
import { AUDIT_COLUMNS } from "@/lib/audit/chain";
import { auditTriggers } from "@/lib/testing/audit-triggers";

const list = AUDIT_COLUMNS.map((c) => `"${c}"`).join(", ");
type Row = (string | null)[];

/** The ingested rows exactly as Warden stored them (every column as text), in chain order. */
export async function storedRows(url: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const res = await client.query({
      text: `SELECT ${AUDIT_COLUMNS.map((c) => `"${c}"::text`).join(", ")} FROM "AuditEvent" WHERE "eventId" IS NOT NULL ORDER BY sequence`,
      rowMode: "array",
    });
    return res.rows as Row[];
  } finally {
    await client.end();
  }
}

const csvField = (v: string | null) => (v === null ? "" : `"${v.replaceAll('"', '""')}"`);

async function timed(fn: () => Promise<void>) {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

/**
 * The floor for ingest: the same rows, prepared in advance, written into an empty AuditEvent table made
 * by Warden's migrations (same indexes and trigger) on the same server. Returns the seconds taken by a
 * raw multi-row INSERT (batches of `batchSize`, `senders` in flight, as the HTTP run) and by one COPY.
 */
export async function ingestFloor(
  serverUrl: string,
  rows: Row[],
  batchSize: number,
  senders: number,
  name = "warden_bench_floor",
) {
  const scratch = await createScratchDatabase(serverUrl, `${name}_${Date.now()}`);
  const conn = connectPostgres(scratch.url, senders);
  try {
    await migrate(conn);
    await conn.close();
    const pool = new pg.Pool({ connectionString: scratch.url, max: senders });
    pool.on("error", (error) => console.error("floor: PostgreSQL connection lost:", error.message));
    const batches: Row[][] = [];
    for (let i = 0; i < rows.length; i += batchSize) batches.push(rows.slice(i, i + batchSize));
    let next = 0;
    const insert = await timed(async () => {
      await Promise.all(
        Array.from({ length: senders }, async () => {
          while (next < batches.length) {
            const batch = batches[next++];
            const values = batch.map(
              (_, r) => `(${AUDIT_COLUMNS.map((_, c) => `$${r * AUDIT_COLUMNS.length + c + 1}`).join(", ")})`,
            );
            await pool.query(`INSERT INTO "AuditEvent" (${list}) VALUES ${values.join(", ")}`, batch.flat());
          }
        }),
      );
    });
    // The migrations refuse TRUNCATE of the audit log to everyone until its triggers are off.
    await pool.query(`${auditTriggers("DISABLE")} TRUNCATE "AuditEvent"; ${auditTriggers("ENABLE")}`);
    await pool.end();
    const csv = rows.map((r) => r.map(csvField).join(",")).join("\n") + "\n";
    const copy = await timed(() => copyIn(scratch.url, `COPY "AuditEvent" (${list}) FROM STDIN (FORMAT csv)`, csv));
    return { insert, copy };
  } finally {
    await scratch.drop();
  }
}

/** COPY … FROM STDIN through psql (PostgreSQL's own client), fed from memory. */
function copyIn(url: string, sql: string, data: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const psql = spawn("psql", [url, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql], {
      stdio: ["pipe", "ignore", "inherit"],
    });
    psql.on("error", reject);
    psql.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`psql COPY exited with ${code}`))));
    psql.stdin.end(data);
  });
}
