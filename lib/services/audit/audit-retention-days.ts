import { db } from "@/lib/db/client";

/** What any retention may be set to, at the least: a quarter of a year. */
export const MIN_RETENTION_DAYS = 90;

/**
 * The longest retention that applies to any record recorded in [start, end): the organisation's, and for every
 * server its records name, that server's own and its data classification's override (OrgSettings).
 */
export async function retentionDaysOf(start: Date, end: Date): Promise<number> {
  const org = await db().orgSettings.findUnique({
    where: { id: 1 },
    select: { auditRetentionDays: true, auditRetentionByClass: true },
  });
  const byClass = (org?.auditRetentionByClass ?? {}) as Record<string, number>;
  const names = (
    await db().$queryRawUnsafe<{ server: string }[]>(
      `SELECT DISTINCT server FROM "AuditEvent" WHERE "recordedAt" >= $1::timestamptz AND "recordedAt" < $2::timestamptz
         AND server IS NOT NULL`,
      start.toISOString(),
      end.toISOString(),
    )
  ).map((r) => r.server);
  const servers = names.length
    ? await db().mcpServer.findMany({
        where: { OR: [{ slug: { in: names } }, { name: { in: names } }] },
        select: { auditRetentionDays: true, dataClassification: true },
      })
    : [];
  return Math.max(
    org?.auditRetentionDays ?? 365,
    ...servers.map((s) => Math.max(s.auditRetentionDays, (s.dataClassification && byClass[s.dataClassification]) || 0)),
  );
}
