import { auditFilterWhere } from "@/lib/audit/audit-filter";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Summary } from "@/lib/evidence/pdf-summary";
import type { TAuditExportFilters } from "@/lib/schemas/report";

const TOP_SERVERS = 15;

/**
 * The audit-log pack's one-page summary: the same rows as its CSV/NDJSON (these filters, up to the
 * chain head the export stopped at), counted by category and outcome, and per server.
 */
export async function auditSummary(
  filters: TAuditExportFilters,
  described: Record<string, string>,
  upTo: bigint,
  p: PrismaClient,
): Promise<Summary> {
  const where = { AND: [...auditFilterWhere(filters), { sequence: { lte: upTo } }] };
  const [byCategory, byServer] = await Promise.all([
    p.auditEvent.groupBy({ by: ["category", "outcome"], where, _count: true }),
    p.auditEvent.groupBy({
      by: ["server", "outcome"],
      where: { AND: [where, { server: { not: null } }] },
      _count: true,
    }),
  ]);
  const total = byCategory.reduce((n, g) => n + g._count, 0);
  const outcomes = new Map<string, number>();
  for (const g of byCategory) outcomes.set(g.outcome, (outcomes.get(g.outcome) ?? 0) + g._count);
  const series = (rows: { key: string; outcome: string; n: number }[], limit = Infinity) => {
    const m = new Map<string, Map<string, number>>();
    for (const r of rows) m.set(r.key, (m.get(r.key) ?? new Map()).set(r.outcome, r.n));
    const sum = (x: Map<string, number>) => [...x.values()].reduce((a, b) => a + b, 0);
    return [...m.entries()]
      .sort((a, b) => sum(b[1]) - sum(a[1]) || a[0].localeCompare(b[0]))
      .slice(0, limit)
      .map(([label, o]) => ({ label, segments: [...o.entries()].map(([name, value]) => ({ name, value })) }));
  };
  const filterText = Object.entries(described)
    .filter(([k]) => k !== "from" && k !== "to")
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
  return {
    title: "Audit log export",
    subtitle: `Period: ${described.from ?? "the beginning"} to ${described.to ?? "now"} (UTC)`,
    facts: [
      ["Events", total],
      ["Filters", filterText || "none"],
      ["Up to chain sequence", upTo.toString()],
      ...[...outcomes.entries()].sort((a, b) => b[1] - a[1]).map(([o, n]): [string, number] => [`Outcome ${o}`, n]),
    ],
    charts: [
      {
        title: "Events by category and outcome",
        series: series(byCategory.map((g) => ({ key: g.category, outcome: g.outcome, n: g._count }))),
      },
      {
        title: `Events per server (top ${TOP_SERVERS})`,
        series: series(
          byServer.map((g) => ({ key: g.server!, outcome: g.outcome, n: g._count })),
          TOP_SERVERS,
        ),
      },
    ],
    notes: ["Every row counted here is in the pack's audit-events file; its sha256 is in manifest.json."],
  };
}
