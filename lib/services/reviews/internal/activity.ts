import type { Tx } from "@/lib/db/tx";
import { UNUSED_DAYS } from "@/lib/reviews/recommendations";

/** Denials that mean a grant was asked for more than it allows (or for a tool it does not cover). */
export const SCOPE_DENIAL_RULES = [
  "no_grant",
  "object_not_allowed",
  "denied_field",
  "record_limit",
  "operation_not_allowed",
];

const key = (agent: string, server: string) => `${agent}\u0000${server}`;

/**
 * Activity per agent and server, from the rollups (last successful call) and the audit log (scope
 * denials in the last 90 days). Server slugs go in as one JSON parameter: the driver adapters do not
 * send arrays as PostgreSQL arrays.
 */
export async function grantActivity(tx: Tx, serverSlugs: string[], now: Date) {
  const slugs = JSON.stringify(serverSlugs);
  const since = new Date(now.getTime() - UNUSED_DAYS * 86_400_000);
  const [used, denied] = await Promise.all([
    tx.$queryRaw<{ agent: string; server: string; last: Date }[]>`
      SELECT agent, server, MAX(hour) AS last FROM "ToolCallRollup"
      WHERE outcome = 'success' AND server IN (SELECT json_array_elements_text(${slugs}::json))
      GROUP BY agent, server`,
    tx.$queryRaw<{ agent: string; server: string; rule: string; n: number }[]>`
      SELECT attributes->>'agent' AS agent, attributes->>'server' AS server, attributes->>'rule' AS rule, COUNT(*)::int AS n
      FROM "AuditEvent"
      WHERE category = 'DECISION' AND outcome = 'deny' AND "occurredAt" >= ${since}
        AND attributes->>'rule' IN (SELECT json_array_elements_text(${JSON.stringify(SCOPE_DENIAL_RULES)}::json))
        AND attributes->>'server' IN (SELECT json_array_elements_text(${slugs}::json))
      GROUP BY 1, 2, 3`,
  ]);
  const lastUsed = new Map(used.map((u) => [key(u.agent, u.server), new Date(u.last)]));
  const denials = new Map<string, { n: number; rules: string[] }>();
  for (const d of denied) {
    const acc = denials.get(key(d.agent, d.server)) ?? { n: 0, rules: [] };
    acc.n += d.n;
    acc.rules.push(d.rule);
    denials.set(key(d.agent, d.server), acc);
  }
  return (agent: string, server: string) => ({
    lastUsedAt: lastUsed.get(key(agent, server)) ?? null,
    scopeDenials: denials.get(key(agent, server))?.n ?? 0,
    denialRules: denials.get(key(agent, server))?.rules.sort() ?? [],
  });
}

/** Calls per UTC day over the last `days` days for each agent and server, oldest first, zero-filled. */
export async function usageSparklines(tx: Tx, pairs: { agent: string; server: string }[], now: Date, days = 30) {
  const from = new Date(Math.floor(now.getTime() / 86_400_000) * 86_400_000 - (days - 1) * 86_400_000);
  const out = new Map<string, number[]>();
  if (pairs.length === 0) return (agent: string, server: string) => out.get(key(agent, server)) ?? [];
  const rows = await tx.$queryRaw<{ agent: string; server: string; t: Date; n: number }[]>`
    SELECT agent, server, hour AS t, SUM(count)::int AS n FROM "ToolCallRollupDaily"
    WHERE hour >= ${from} AND agent IN (SELECT json_array_elements_text(${JSON.stringify(pairs.map((p) => p.agent))}::json))
      AND server IN (SELECT json_array_elements_text(${JSON.stringify(pairs.map((p) => p.server))}::json))
    GROUP BY 1, 2, 3`;
  for (const r of rows) {
    const series = out.get(key(r.agent, r.server)) ?? Array<number>(days).fill(0);
    const i = Math.round((new Date(r.t).getTime() - from.getTime()) / 86_400_000);
    if (i >= 0 && i < days) series[i] += r.n;
    out.set(key(r.agent, r.server), series);
  }
  return (agent: string, server: string) => out.get(key(agent, server)) ?? Array<number>(days).fill(0);
}
