import type { Tx } from "@/lib/db/tx";
import type { TIngestEvent } from "@/lib/schemas/ingest";

export const LATENCY_BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

export const hourOf = (d: Date) => new Date(Math.floor(d.getTime() / 3_600_000) * 3_600_000);
export const dayOf = (d: Date) => new Date(Math.floor(d.getTime() / 86_400_000) * 86_400_000);

export const ROLLUP_TABLES = { hour: "ToolCallRollup", day: "ToolCallRollupDaily" } as const;

const bucketOf = (ms: number) => {
  const i = LATENCY_BUCKETS_MS.findIndex((b) => ms < b);
  return i === -1 ? LATENCY_BUCKETS_MS.length : i;
};

type Row = {
  hour: Date;
  server: string;
  tool: string;
  agent: string;
  outcome: string;
  count: number;
  records: number;
  bytes: number;
  latency: number;
  buckets: number[];
};

/** Adds a batch to the hourly and the daily rollups, one statement each, inside the ingest transaction. */
export async function upsertRollups(tx: Tx, events: TIngestEvent[]) {
  await upsertInto(tx, "hour", events);
  await upsertInto(tx, "day", events);
}

async function upsertInto(tx: Tx, grain: keyof typeof ROLLUP_TABLES, events: TIngestEvent[]) {
  const table = ROLLUP_TABLES[grain];
  const rows = new Map<string, Row>();
  for (const e of events) {
    const hour = grain === "hour" ? hourOf(e.timestamp) : dayOf(e.timestamp);
    const key = [hour.toISOString(), e.server, e.tool ?? "", e.agent, e.outcome].join("\u0000");
    const row = rows.get(key) ?? {
      hour,
      server: e.server,
      tool: e.tool ?? "",
      agent: e.agent,
      outcome: e.outcome,
      count: 0,
      records: 0,
      bytes: 0,
      latency: 0,
      buckets: Array(LATENCY_BUCKETS_MS.length + 1).fill(0),
    };
    row.count++;
    row.records += e.recordsReturned ?? 0;
    row.bytes += e.bytes ?? 0;
    if (e.latencyMs !== undefined) {
      row.latency += Math.round(e.latencyMs);
      row.buckets[bucketOf(e.latencyMs)]++;
    }
    rows.set(key, row);
  }
  // In key order, so concurrent batches lock shared rows in the same order and cannot deadlock.
  const list = [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  if (list.length === 0) return;
  const params: unknown[] = [];
  const values = list.map((r) => {
    const base = params.length;
    params.push(r.hour, r.server, r.tool, r.agent, r.outcome, r.count, r.records, r.bytes, r.latency, r.buckets);
    return `($${base + 1}::timestamptz, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6}::int, $${base + 7}::bigint, $${base + 8}::bigint, $${base + 9}::bigint, $${base + 10}::int[])`;
  });
  await tx.$executeRawUnsafe(
    `INSERT INTO "${table}" (hour, server, tool, agent, outcome, count, "recordsSum", "bytesSum", "latencySum", "latencyBuckets")
     VALUES ${values.join(", ")}
     ON CONFLICT (hour, server, tool, agent, outcome) DO UPDATE SET
       count = "${table}".count + EXCLUDED.count,
       "recordsSum" = "${table}"."recordsSum" + EXCLUDED."recordsSum",
       "bytesSum" = "${table}"."bytesSum" + EXCLUDED."bytesSum",
       "latencySum" = "${table}"."latencySum" + EXCLUDED."latencySum",
       "latencyBuckets" = (SELECT array_agg(a + b ORDER BY i) FROM unnest("${table}"."latencyBuckets", EXCLUDED."latencyBuckets") WITH ORDINALITY AS t(a, b, i))`,
    ...params,
  );
}

/** The p-th percentile latency from merged histogram buckets: the upper bound of the bucket it falls in. */
export function percentileFromBuckets(buckets: number[], p: number): number | null {
  const total = buckets.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  let seen = 0;
  for (let i = 0; i < buckets.length; i++) {
    seen += buckets[i];
    if (seen >= (p / 100) * total)
      return LATENCY_BUCKETS_MS[i] ?? LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1] * 2;
  }
  return null;
}
