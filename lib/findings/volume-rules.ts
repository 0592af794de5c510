import { asSql, type Sql } from "@/lib/db/sql";
import type { Tx } from "@/lib/db/tx";
import { hourOf } from "@/lib/ingest/rollups";
import type { TIngestEvent } from "@/lib/schemas/ingest";
import type { FindingInput } from "./finding-input";

export const SPIKE_MIN_DENIALS = 20;
export const SPIKE_FACTOR = 5;
export const VOLUME_MIN_RECORDS = 1000;
export const VOLUME_FACTOR = 10;

type Row = { agent: string; hour: Date; denied: number; records: number; baseDenied: number; baseRecords: number };

/**
 * Findings that need history, read from the hourly rollups (after this batch was added): a spike in
 * denials (an hour with at least 20 and 5x the agent's hourly average over the previous day), and a
 * bulk read by volume (an hour with 10x the agent's hourly average of records over the previous week).
 */
export async function volumeFindings(tx: Tx | Sql, events: TIngestEvent[]): Promise<FindingInput[]> {
  const pairs = [...new Set(events.map((e) => `${e.agent}\u0000${hourOf(e.timestamp).toISOString()}`))].map((p) =>
    p.split("\u0000"),
  );
  if (pairs.length === 0) return [];
  const rows = await asSql(tx).query<Row>(
    `WITH probe AS (SELECT * FROM json_to_recordset($1::json) AS p(agent text, hour timestamptz))
     SELECT p.agent, p.hour,
       COALESCE((SELECT SUM(count) FROM "ToolCallRollup" r WHERE r.agent = p.agent AND r.hour = p.hour AND r.outcome = 'deny'), 0)::int AS denied,
       COALESCE((SELECT SUM("recordsSum") FROM "ToolCallRollup" r WHERE r.agent = p.agent AND r.hour = p.hour), 0)::float8 AS records,
       COALESCE((SELECT SUM(count) FROM "ToolCallRollup" r WHERE r.agent = p.agent AND r.outcome = 'deny' AND r.hour >= p.hour - interval '24 hours' AND r.hour < p.hour), 0)::float8 / 24 AS "baseDenied",
       COALESCE((SELECT SUM("recordsSum") FROM "ToolCallRollup" r WHERE r.agent = p.agent AND r.hour >= p.hour - interval '7 days' AND r.hour < p.hour), 0)::float8 / 168 AS "baseRecords"
     FROM probe p`,
    [JSON.stringify(pairs.map(([agent, hour]) => ({ agent, hour })))],
  );
  const out: FindingInput[] = [];
  for (const r of rows) {
    const hour = new Date(r.hour).toISOString();
    if (r.denied >= SPIKE_MIN_DENIALS && r.denied >= SPIKE_FACTOR * r.baseDenied) {
      out.push({
        type: "denial_spike",
        severity: "HIGH",
        entityType: "Agent",
        entityKey: r.agent,
        title: `${r.agent}: ${r.denied} denied calls in one hour`,
        evidence: { hour, denied: r.denied, hourlyAverageLastDay: Number(r.baseDenied.toFixed(2)) },
      });
    }
    if (r.records >= VOLUME_MIN_RECORDS && r.baseRecords > 0 && r.records >= VOLUME_FACTOR * r.baseRecords) {
      out.push({
        type: "bulk_read_volume",
        severity: "HIGH",
        entityType: "Agent",
        entityKey: r.agent,
        title: `${r.agent} read ${r.records} records in one hour, ${Math.round(r.records / r.baseRecords)}x its usual volume`,
        evidence: { hour, records: r.records, hourlyAverageLastWeek: Number(r.baseRecords.toFixed(1)) },
      });
    }
  }
  return out;
}
