import { asSql, type Sql } from "@/lib/db/sql";
import type { Tx } from "@/lib/db/tx";
import { holdsSecret } from "@/lib/redaction/redact";
import type { TIngestEvent } from "@/lib/schemas/ingest";
import { UNREPORTED_RULE } from "@/lib/schemas/rule";
import { LATENCY_BUCKET_COUNT, latencyBucket } from "./latency-histogram";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export const hourOf = (d: Date) => new Date(Math.floor(d.getTime() / HOUR_MS) * HOUR_MS);

export const ROLLUP_TABLES = { hour: "ToolCallRollup", day: "ToolCallRollupDaily" } as const;

type Row = {
  at: number;
  server: string;
  tool: string;
  agent: string;
  outcome: string;
  rule: string;
  count: number;
  records: number;
  bytes: number;
  latency: number;
  buckets: number[];
};

/** A count as the audit record keeps it: a number that reads as a secret (a card number) is redacted there, and counts 0 here. */
const count = (n: number | undefined) => (n === undefined || holdsSecret(String(n)) ? 0 : n);

/** The grain's rows, in key order, so concurrent batches lock shared rows in the same order and cannot deadlock. */
const inKeyOrder = (rows: Map<string, Row>) =>
  [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);

/** What one event adds to its row: the same at either grain. */
type Counted = { records: number; bytes: number; latency: number; bucket: number };

function add(rows: Map<string, Row>, at: number, names: string, e: TIngestEvent, rule: string, n: Counted) {
  const key = `${at}\u0000${names}`;
  let row = rows.get(key);
  if (!row) {
    row = {
      at,
      server: e.server,
      tool: e.tool ?? "",
      agent: e.agent,
      outcome: e.outcome,
      rule,
      count: 0,
      records: 0,
      bytes: 0,
      latency: 0,
      buckets: Array(LATENCY_BUCKET_COUNT).fill(0),
    };
    rows.set(key, row);
  }
  row.count++;
  row.records += n.records;
  row.bytes += n.bytes;
  if (n.bucket >= 0) {
    row.latency += n.latency;
    row.buckets[n.bucket]++;
  }
}

const asJson = (rows: Row[]) =>
  JSON.stringify(
    rows.map((r, i) => ({
      i,
      hour: new Date(r.at).toISOString(),
      server: r.server,
      tool: r.tool,
      agent: r.agent,
      outcome: r.outcome,
      rule: r.rule,
      count: r.count,
      records: r.records,
      bytes: r.bytes,
      latency: r.latency,
      buckets: r.buckets,
    })),
  );

const upsert = (table: string, param: string) =>
  `INSERT INTO "${table}" (hour, server, tool, agent, outcome, rule, count, "recordsSum", "bytesSum", "latencySum", "latencyBuckets")
     SELECT hour, server, tool, agent, outcome, rule, count, records, bytes, latency, buckets
     FROM json_to_recordset(${param}::json) AS r(i int, hour timestamptz, server text, tool text, agent text, outcome text, rule text,
       count int, records bigint, bytes bigint, latency bigint, buckets int[])
     ORDER BY i
     ON CONFLICT (hour, server, tool, agent, outcome, rule) DO UPDATE SET
       count = "${table}".count + EXCLUDED.count,
       "recordsSum" = "${table}"."recordsSum" + EXCLUDED."recordsSum",
       "bytesSum" = "${table}"."bytesSum" + EXCLUDED."bytesSum",
       "latencySum" = "${table}"."latencySum" + EXCLUDED."latencySum",
       "latencyBuckets" = (SELECT array_agg(COALESCE(a, 0) + COALESCE(b, 0) ORDER BY i) FROM unnest("${table}"."latencyBuckets", EXCLUDED."latencyBuckets") WITH ORDINALITY AS t(a, b, i))`;

// Both grains in one statement: the hourly upsert as a CTE, the daily one as the main query. Every batch
// runs the same statement, so concurrent batches take the two tables' row locks in the same order.
const UPSERT_SQL = `WITH hourly AS (${upsert(ROLLUP_TABLES.hour, "$1")}) ${upsert(ROLLUP_TABLES.day, "$2")}`;

/**
 * Adds a batch to the hourly and the daily rollups, in one statement, inside the ingest transaction.
 * The events carry the names and rule their audit records store (already redacted, the rule already the one
 * it is counted under: ingest-events' `asStored`), so a rollup column never holds what the record does not.
 */
export async function upsertRollups(tx: Tx | Sql, events: TIngestEvent[]) {
  if (events.length === 0) return;
  const hours = new Map<string, Row>();
  const days = new Map<string, Row>();
  for (const e of events) {
    const rule = e.outcome === "deny" || e.outcome === "pending" ? (e.rule ?? UNREPORTED_RULE) : "";
    const names = [e.server, e.tool ?? "", e.agent, e.outcome, rule].join("\u0000");
    const n: Counted = {
      records: count(e.recordsReturned),
      bytes: count(e.bytes),
      latency: e.latencyMs === undefined ? 0 : Math.round(e.latencyMs),
      bucket: e.latencyMs === undefined ? -1 : latencyBucket(e.latencyMs),
    };
    const ms = e.timestamp.getTime();
    add(hours, Math.floor(ms / HOUR_MS) * HOUR_MS, names, e, rule, n);
    add(days, Math.floor(ms / DAY_MS) * DAY_MS, names, e, rule, n);
  }
  await asSql(tx).query(UPSERT_SQL, [asJson(inKeyOrder(hours)), asJson(inKeyOrder(days))]);
}
