import { parseWith } from "@/lib/schemas/parse";
import { assertCan, type Actor } from "@/lib/authz/actor";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { readThrough } from "@/lib/db/replica";
import { percentileFromBuckets } from "@/lib/ingest/latency-histogram";
import { ROLLUP_TABLES } from "@/lib/ingest/rollups";
import { rotationDueAt } from "@/lib/registry/credential-flags";
import { RISK_ORDER } from "@/lib/registry/risk";
import { foldRuleCounts } from "@/lib/schemas/rule";
import { ZDashboardQuery, type TDashboardQuery } from "@/lib/schemas/dashboard";
import { dashboardWindow } from "./internal/dashboard-window";
import { activeCampaignProgress } from "@/lib/services/reviews/shared/active-campaign-progress";

type Count = { key: string; count: number };

type Window = ReturnType<typeof dashboardWindow>;

/** The dashboard's queries, on whichever database reads go to (the read replica when fresh). */
async function readRows(p: PrismaClient, { from, to, bucket }: Window, now: Date) {
  const rollup = `"${ROLLUP_TABLES[bucket]}"`;
  const [servers, pendingApprovals, openFindings, credentials, series, tops, denials, approvals, latency, risks] =
    await Promise.all([
      p.mcpServer.groupBy({ by: ["status"], _count: true }),
      p.approvalRequest.count({ where: { status: "PENDING", expiresAt: { gt: now } } }),
      p.finding.count({ where: { status: "OPEN" } }),
      p.credentialRef.findMany({
        where: { dynamicSecret: false },
        select: { lastRotatedAt: true, createdAt: true, rotationDays: true },
      }),
      p.$queryRawUnsafe<{ t: Date; outcome: string; n: number }[]>(
        `SELECT hour AS t, outcome, SUM(count)::int AS n FROM ${rollup} WHERE hour >= $1 AND hour < $2 GROUP BY 1, 2 ORDER BY 1`,
        from,
        to,
      ),
      p.$queryRawUnsafe<{ dim: string; key: string; n: number }[]>(
        `SELECT * FROM (
        (SELECT 'server' AS dim, server AS key, SUM(count)::int AS n FROM ${rollup} WHERE hour >= $1 AND hour < $2 GROUP BY server ORDER BY n DESC LIMIT 8)
        UNION ALL (SELECT 'tool', server || '/' || tool, SUM(count)::int AS n FROM ${rollup} WHERE hour >= $1 AND hour < $2 GROUP BY server, tool ORDER BY n DESC LIMIT 8)
        UNION ALL (SELECT 'agent', agent, SUM(count)::int AS n FROM ${rollup} WHERE hour >= $1 AND hour < $2 GROUP BY agent ORDER BY n DESC LIMIT 8)
      ) t`,
        from,
        to,
      ),
      // Every rule comes back (a few dozen at most) so old rows' spellings fold into one vocabulary here.
      p.$queryRawUnsafe<{ rule: string; n: number }[]>(
        `SELECT rule, SUM(n)::int AS n FROM (
        SELECT rule, count AS n FROM "DecisionRollup" WHERE hour >= $1 AND hour < $2 AND outcome = 'deny'
        UNION ALL SELECT rule, count FROM ${rollup} WHERE hour >= $1 AND hour < $2 AND outcome = 'deny'
      ) d GROUP BY rule`,
        from,
        to,
      ),
      p.$queryRaw<{ t: Date; n: number }[]>`
      SELECT date_trunc('day', "createdAt") AS t, COUNT(*)::int AS n FROM "ApprovalRequest" WHERE "createdAt" >= ${from} AND "createdAt" < ${to} GROUP BY 1 ORDER BY 1`,
      // Histograms are summed bucket by bucket in the database: a few rows per server come back, not every hour.
      p.$queryRawUnsafe<{ server: string; i: number; n: number }[]>(
        `SELECT server, u.i::int AS i, SUM(u.n)::int AS n FROM ${rollup}, unnest("latencyBuckets") WITH ORDINALITY AS u(n, i)
       WHERE hour >= $1 AND hour < $2 GROUP BY server, u.i`,
        from,
        to,
      ),
      p.tool.groupBy({ by: ["risk", "riskOverride"], _count: true }),
    ]);
  // Time to decision counts requests a person decided (the last vote), never ones cancelled or superseded.
  const decisionTimes = await p.$queryRaw<{ t: Date | null; median: number | null }[]>`
    SELECT GROUPING(date_trunc('day', r."createdAt")) AS g, date_trunc('day', r."createdAt") AS t,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (v.last - r."createdAt"))) AS median
    FROM "ApprovalRequest" r
    JOIN (SELECT "requestId", MAX("createdAt") AS last FROM "ApprovalVote" GROUP BY "requestId") v ON v."requestId" = r.id
    WHERE r."createdAt" >= ${from} AND r."createdAt" < ${to} AND r.status IN ('APPROVED', 'DENIED', 'CONSUMED')
    GROUP BY ROLLUP (date_trunc('day', r."createdAt")) ORDER BY 2 NULLS LAST`;
  return {
    servers,
    pendingApprovals,
    openFindings,
    credentials,
    series,
    tops,
    denials,
    approvals,
    latency,
    risks,
    decisionTimes,
  };
}

/**
 * Everything the landing page shows, read from the hourly rollups and small registry tables, never
 * from a scan of the raw events: it stays fast at millions of calls. It may come from the read replica:
 * `readSource` says so, and how far behind it is.
 */
export async function getDashboard(actor: Actor, raw: TDashboardQuery = {}, now = new Date()) {
  assertCan(actor, "dashboard.read");
  const q = parseWith(ZDashboardQuery, raw, "dashboard query");
  const window = dashboardWindow(q, now);
  const { range, from, to, bucket } = window;
  const { value, readSource } = await readThrough((p) => readRows(p, window, now));
  const { servers, credentials, series, tops, denials, approvals, latency, risks, decisionTimes } = value;
  const { pendingApprovals, openFindings } = value;
  const median = decisionTimes.find((d) => d.t === null)?.median ?? null;

  const byStatus = Object.fromEntries(servers.map((s) => [s.status, s._count]));
  const overdue = credentials.filter((c) => rotationDueAt(c) < now).length;
  // Every bucket of the range is present, zero-filled: a quiet hour is a zero, not a gap in the chart.
  const buckets = new Map<string, Record<string, number>>();
  const step = bucket === "hour" ? 3_600_000 : 86_400_000;
  for (let t = from.getTime(); t < to.getTime(); t += step)
    buckets.set(new Date(t).toISOString(), { success: 0, error: 0, deny: 0, pending: 0 });
  for (const r of series) {
    const k = new Date(r.t).toISOString();
    buckets.set(k, { ...(buckets.get(k) ?? {}), [r.outcome]: r.n });
  }
  const merged = new Map<string, number[]>();
  for (const r of latency) {
    const acc = merged.get(r.server) ?? [];
    acc[r.i - 1] = r.n;
    merged.set(r.server, acc);
  }
  const riskCounts: Record<string, number> = {};
  for (const r of risks) riskCounts[r.riskOverride ?? r.risk] = (riskCounts[r.riskOverride ?? r.risk] ?? 0) + r._count;
  const top = (dim: string): Count[] => tops.filter((t) => t.dim === dim).map((t) => ({ key: t.key, count: t.n }));

  return {
    readSource,
    range,
    from: from.toISOString(),
    to: to.toISOString(),
    kpis: {
      activeServers: byStatus.ACTIVE ?? 0,
      suspendedServers: byStatus.SUSPENDED ?? 0,
      pendingApprovals,
      openFindings,
      credentialsOverdue: overdue,
      reviewCampaign: await activeCampaignProgress(now),
    },
    callsOverTime: [...buckets.entries()].map(([t, v]) => ({ t, ...v })) as ({ t: string } & Record<string, number>)[],
    topServers: top("server"),
    topTools: top("tool"),
    topAgents: top("agent"),
    denialsByRule: foldRuleCounts(denials.map((d) => ({ rule: d.rule, count: d.n }))).slice(0, 10),
    approvalVolume: approvals.map((a) => ({ t: new Date(a.t).toISOString(), total: a.n })),
    medianDecisionSeconds: median === null ? null : Math.round(Number(median)),
    decisionTimeByDay: decisionTimes
      .filter((d) => d.t !== null)
      .map((d) => ({ t: new Date(d.t!).toISOString(), medianMinutes: Math.round(Number(d.median) / 6) / 10 })),
    latencyByServer: [...merged.entries()]
      .map(([server, b]) => ({
        server,
        p50: percentileFromBuckets(
          Array.from(b, (n) => n ?? 0),
          50,
        ),
        p95: percentileFromBuckets(
          Array.from(b, (n) => n ?? 0),
          95,
        ),
      }))
      .sort((a, b) => (b.p95 ?? 0) - (a.p95 ?? 0))
      .slice(0, 10),
    riskDistribution: RISK_ORDER.map((risk) => ({
      key: risk,
      count: riskCounts[risk] ?? 0,
    })),
  };
}

export type Dashboard = Awaited<ReturnType<typeof getDashboard>>;
