import { randomUUID } from "node:crypto";
import { asSql, type Sql } from "@/lib/db/sql";
import type { Tx } from "@/lib/db/tx";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { FindingInput } from "@/lib/findings/finding-input";

/** Opens a finding, or counts one more sighting of an open one: findings never duplicate. */
export async function raiseFinding(client: Tx | PrismaClient, f: FindingInput, now = new Date()) {
  await raiseFindings(client, [f], now);
}

/**
 * Raises several findings in one statement, as if each were raised in turn: a new one opens with its first
 * sighting's fields, and every sighting counts once more, replaces the evidence it carries, and moves "last
 * seen" (only forward: a late batch of older events never makes a finding look older). The status is kept.
 */
export async function raiseFindings(client: Tx | PrismaClient | Sql, findings: FindingInput[], now = new Date()) {
  const merged = new Map<string, FindingInput & { firstSeenAt: Date; lastSeenAt: Date; sightings: number }>();
  for (const f of findings) {
    const key = `${f.type}\u0000${f.entityKey}`;
    const seenAt = f.seenAt ?? now;
    const known = merged.get(key);
    if (!known) merged.set(key, { ...f, firstSeenAt: seenAt, lastSeenAt: seenAt, sightings: 1 });
    else {
      known.sightings++;
      if (f.evidence !== undefined) known.evidence = f.evidence;
      if (seenAt > known.lastSeenAt) known.lastSeenAt = seenAt;
    }
  }
  if (merged.size === 0) return;
  // In key order, so concurrent writers lock shared rows in the same order.
  const rows = [...merged.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, f], i) => ({
      i,
      id: randomUUID(),
      type: f.type,
      severity: f.severity,
      entityType: f.entityType,
      entityKey: f.entityKey,
      title: f.title,
      evidence: f.evidence ?? null,
      sightings: f.sightings,
      firstSeenAt: f.firstSeenAt,
      lastSeenAt: f.lastSeenAt,
    }));
  await asSql(client).query(
    `INSERT INTO "Finding" (id, type, severity, "entityType", "entityKey", title, evidence, count, "firstSeenAt", "lastSeenAt")
     SELECT id, type, severity::"RiskLevel", "entityType", "entityKey", title, evidence, sightings, "firstSeenAt", "lastSeenAt"
     FROM json_to_recordset($1::json) AS f(i int, id uuid, type text, severity text, "entityType" text, "entityKey" text,
       title text, evidence jsonb, sightings int, "firstSeenAt" timestamptz, "lastSeenAt" timestamptz)
     ORDER BY i
     ON CONFLICT (type, "entityKey") DO UPDATE SET
       count = "Finding".count + EXCLUDED.count,
       -- A sighting without evidence (SQL NULL here; evidence is always an object) keeps the stored one.
       evidence = COALESCE(EXCLUDED.evidence, "Finding".evidence),
       "lastSeenAt" = GREATEST("Finding"."lastSeenAt", EXCLUDED."lastSeenAt")`,
    [JSON.stringify(rows)],
  );
}
