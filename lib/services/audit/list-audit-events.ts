import { parseWith } from "@/lib/schemas/parse";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ZAuditListQuery, type TAuditListQuery } from "@/lib/schemas/audit";
import { outcomeSpellings } from "@/lib/schemas/outcome";
import { labelFor, targetLabels } from "./target-labels";

/**
 * The audit explorer: newest first, filtered, with a keyset cursor on (occurredAt, sequence) so page
 * 10,000 costs what page 1 does. Each filter column has an index that ends in (occurredAt, sequence).
 */
export async function listAuditEvents(actor: Actor, raw: TAuditListQuery = {}) {
  assertCan(actor, "audit.read");
  const q = parseWith(ZAuditListQuery, raw, "audit query");
  const where: Prisma.AuditEventWhereInput[] = [
    {
      category: q.category,
      server: q.server,
      tool: q.tool,
      agent: q.agent,
      onBehalfOf: q.onBehalfOf,
      outcome: q.outcome ? { in: outcomeSpellings(q.outcome) } : undefined,
      targetId: q.targetId,
      eventId: q.eventId ? { in: q.eventId.split(",").slice(0, 50) } : undefined,
      occurredAt: q.from || q.to ? { gte: q.from, lt: q.to } : undefined,
    },
  ];
  if (q.q)
    where.push({
      OR: [
        { action: { contains: q.q, mode: "insensitive" } },
        { actorLabel: { contains: q.q, mode: "insensitive" } },
        { tool: { contains: q.q, mode: "insensitive" } },
        { server: { contains: q.q, mode: "insensitive" } },
        { onBehalfOf: { contains: q.q, mode: "insensitive" } },
      ],
    });
  // How many records match, counted once, on the first page: later pages only move the cursor.
  const total = q.cursor ? null : await db().auditEvent.count({ where: { AND: where } });
  if (q.cursor) {
    const [ms, seq] = q.cursor.split(".");
    const at = new Date(Number(ms));
    where.push({ OR: [{ occurredAt: { lt: at } }, { occurredAt: at, sequence: { lt: BigInt(seq) } }] });
  }
  const rows = await db().auditEvent.findMany({
    where: { AND: where },
    orderBy: [{ occurredAt: "desc" }, { sequence: "desc" }],
    take: q.limit,
  });
  const labels = await targetLabels(rows);
  const events = rows.map((r) => ({ ...r, sequence: r.sequence.toString(), targetLabel: labelFor(labels, r) }));
  const last = rows[rows.length - 1];
  return {
    total,
    events,
    nextCursor: rows.length === q.limit && last ? `${last.occurredAt.getTime()}.${last.sequence}` : null,
  };
}

export type AuditEventView = Awaited<ReturnType<typeof listAuditEvents>>["events"][number];
