import { asSql, type Sql } from "@/lib/db/sql";
import type { Tx } from "@/lib/db/tx";
import { holdsSecret } from "@/lib/redaction/redact";
import type { TIngestEvent } from "@/lib/schemas/ingest";
import { UNREPORTED_RULE } from "@/lib/schemas/rule";
import { LATENCY_BUCKET_COUNT, latencyBucket } from "./latency-histogram";

export const hourOf = (d: Date) => new Date(Math.floor(d.getTime() / 3_600_000) * 3_600_000);
export const dayOf = (d: Date) => new Date(Math.floor(d.getTime() / 86_400_000) * 86_400_000);

export const ROLLUP_TABLES = { hour: "ToolCallRollup", day: "ToolCallRollupDaily" } as const;

type Row = {
  hour: Date;
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

/**
 * Adds a batch to the hourly and the daily rollups, one statement each, inside the ingest transaction.
 * The events carry the names and rule their audit records store (already redacted, the rule already the one
 * it is counted under: ingest-events' `asStored`), so a rollup column never holds what the record does not.
 */
export async function upsertRollups(tx: Tx | Sql, events: TIngestEvent[]) {
  const sql = asSql(tx);
  await upsertInto(sql, "hour", events);
  await upsertInto(sql, "day", events);
}

/** A count as the audit record keeps it: a number that reads as a secret (a card number) is redacted there, and counts 0 here. */
const count = (n: number | undefined) => (n === undefined || holdsSecret(String(n)) ? 0 : n);

async function upsertInto(sql: Sql, grain: keyof typeof ROLLUP_TABLES, events: TIngestEvent[]) {
  const table = ROLLUP_TABLES[grain];
  const rows = new Map<string, Row>();
  for (const e of events) {
    const hour = grain === "hour" ? hourOf(e.timestamp) : dayOf(e.timestamp);
    const rule = e.outcome === "deny" || e.outcome === "pending" ? (e.rule ?? UNREPORTED_RULE) : "";
    const [server, tool, agent] = [e.server, e.tool ?? "", e.agent];
    const key = [hour.toISOString(), server, tool, agent, e.outcome, rule].join("\u0000");
    const row = rows.get(key) ?? {
      hour,
      server,
      tool,
      agent,
      outcome: e.outcome,
      rule,
      count: 0,
      records: 0,
      bytes: 0,
      latency: 0,
      buckets: Array(LATENCY_BUCKET_COUNT).fill(0),
    };
    row.count++;
    row.records += count(e.recordsReturned);
    row.bytes += count(e.bytes);
    if (e.latencyMs !== undefined) {
      row.latency += Math.round(e.latencyMs);
      row.buckets[latencyBucket(e.latencyMs)]++;
    }
    rows.set(key, row);
  }
  // In key order, so concurrent batches lock shared rows in the same order and cannot deadlock.
  const list = [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  if (list.length === 0) return;
  // One JSON parameter, whatever the batch holds (rows in key order, kept by ORDER BY i).
  const json = JSON.stringify(
    list.map((r, i) => ({
      i,
      hour: r.hour.toISOString(),
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
  await sql.query(
    `INSERT INTO "${table}" (hour, server, tool, agent, outcome, rule, count, "recordsSum", "bytesSum", "latencySum", "latencyBuckets")
     SELECT hour, server, tool, agent, outcome, rule, count, records, bytes, latency, buckets
     FROM json_to_recordset($1::json) AS r(i int, hour timestamptz, server text, tool text, agent text, outcome text, rule text,
       count int, records bigint, bytes bigint, latency bigint, buckets int[])
     ORDER BY i
     ON CONFLICT (hour, server, tool, agent, outcome, rule) DO UPDATE SET
       count = "${table}".count + EXCLUDED.count,
       "recordsSum" = "${table}"."recordsSum" + EXCLUDED."recordsSum",
       "bytesSum" = "${table}"."bytesSum" + EXCLUDED."bytesSum",
       "latencySum" = "${table}"."latencySum" + EXCLUDED."latencySum",
       "latencyBuckets" = (SELECT array_agg(COALESCE(a, 0) + COALESCE(b, 0) ORDER BY i) FROM unnest("${table}"."latencyBuckets", EXCLUDED."latencyBuckets") WITH ORDINALITY AS t(a, b, i))`,
    [json],
  );
}
