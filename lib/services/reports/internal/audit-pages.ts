import type { AuditEvent, PrismaClient } from "@/lib/generated/prisma/client";
import type { TAuditExportFilters } from "@/lib/schemas/report";
import { afterCursor, auditFilterWhere, cursorOf } from "@/lib/audit/audit-filter";

const PAGE = 2000;

/**
 * The explorer's rows for these filters, newest first, page by page (keyset, so each page costs the
 * same), up to and including sequence `upTo`: the chain head when the export began, so rows appended
 * while it streams (its own audit record among them) never half-appear. `p` is the database the head came
 * from (the read replica, when fresh), so every row up to it is there.
 */
export async function* auditPages(
  filters: TAuditExportFilters,
  upTo: bigint,
  p: PrismaClient,
): AsyncGenerator<AuditEvent[]> {
  const base = [...auditFilterWhere(filters), { sequence: { lte: upTo } }];
  let cursor: string | null = null;
  for (;;) {
    const rows: AuditEvent[] = await p.auditEvent.findMany({
      where: { AND: cursor ? [...base, afterCursor(cursor)] : base },
      orderBy: [{ occurredAt: "desc" }, { sequence: "desc" }],
      take: PAGE,
    });
    if (rows.length > 0) yield rows;
    if (rows.length < PAGE) return;
    cursor = cursorOf(rows[rows.length - 1]);
  }
}
