import type { Prisma } from "@/lib/generated/prisma/client";
import type { z } from "zod";
import type { ZAuditListQuery } from "@/lib/schemas/audit";
import { AppError } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "@/lib/schemas/cursor";
import { periodEnd } from "@/lib/schemas/utc-day";
import { outcomeSpellings } from "@/lib/schemas/outcome";
import { ruleSpellings } from "@/lib/schemas/rule";

type Filters = Omit<z.infer<typeof ZAuditListQuery>, "cursor" | "limit">;

/**
 * The explorer's filters as Prisma conditions. The explorer, the exports and the evidence packs all
 * build their WHERE here, so an export holds exactly the rows the explorer shows for the same URL.
 */
export function auditFilterWhere(q: Filters): Prisma.AuditEventWhereInput[] {
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
      occurredAt: q.from || q.to || q.until ? { gte: q.from, lt: periodEnd(q.to, q.until) } : undefined,
    },
  ];
  if (q.userSource)
    where.push(
      q.userSource === "none"
        ? { OR: [{ userSource: "none" }, { userSource: null, onBehalfOf: null }] }
        : q.userSource === "asserted"
          ? { OR: [{ userSource: "asserted" }, { userSource: null, onBehalfOf: { not: null } }] }
          : { userSource: "verified" },
    );
  if (q.rule) where.push({ OR: ruleSpellings(q.rule).map((r) => ({ attributes: { path: ["rule"], equals: r } })) });
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
  return where;
}

/** Keyset condition: rows strictly after "<occurredAt ms>.<sequence>" in newest-first order. */
export function afterCursor(cursor: string): Prisma.AuditEventWhereInput {
  const decoded = decodeCursor(cursor);
  if (!decoded) throw new AppError("BAD_REQUEST", "Invalid cursor", { cursor: "Invalid cursor" });
  const { at, sequence } = decoded;
  return { OR: [{ occurredAt: { lt: at } }, { occurredAt: at, sequence: { lt: sequence } }] };
}

export const cursorOf = encodeCursor;
