import { parseWith } from "@/lib/schemas/parse";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { readThrough } from "@/lib/db/replica";
import { afterCursor, auditFilterWhere, cursorOf } from "@/lib/audit/audit-filter";
import { ZAuditListQuery, type TAuditListQuery } from "@/lib/schemas/audit";
import { labelFor, targetLabels } from "./target-labels";

/**
 * The audit explorer: newest first, filtered, with a keyset cursor on (occurredAt, sequence) so page
 * 10,000 costs what page 1 does. Each filter column has an index that ends in (occurredAt, sequence).
 * It may read from the read replica: `readSource` says so, and how far behind it is.
 */
export async function listAuditEvents(actor: Actor, raw: TAuditListQuery = {}) {
  assertCan(actor, "audit.read");
  const q = parseWith(ZAuditListQuery, raw, "audit query");
  const where = auditFilterWhere(q);
  if (q.cursor) where.push(afterCursor(q.cursor));
  const { value, readSource } = await readThrough(async (p) => {
    // How many records match, counted once, on the first page: later pages only move the cursor.
    const [total, rows] = await Promise.all([
      q.cursor ? null : p.auditEvent.count({ where: { AND: where } }),
      p.auditEvent.findMany({
        where: { AND: where },
        orderBy: [{ occurredAt: "desc" }, { sequence: "desc" }],
        take: q.limit,
      }),
    ]);
    return { total, rows, labels: await targetLabels(rows, p) };
  });
  const { total, rows, labels } = value;
  const events = rows.map((r) => ({ ...r, sequence: r.sequence.toString(), targetLabel: labelFor(labels, r) }));
  const last = rows[rows.length - 1];
  return {
    readSource,
    total,
    events,
    nextCursor: rows.length === q.limit && last ? cursorOf(last) : null,
  };
}

export type AuditEventView = Awaited<ReturnType<typeof listAuditEvents>>["events"][number];
