import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { ZFindingListQuery, type TFindingListQuery } from "@/lib/schemas/finding";
import { parseWith } from "@/lib/schemas/parse";

/**
 * A read, and only a read: findings are raised by ingest, decisions and the rotation sweep. Sorted for
 * triage: the most severe first, then the most recently seen (by the events' own time).
 */
export async function listFindings(actor: Actor, raw: TFindingListQuery = {}) {
  assertCan(actor, "findings.read");
  const q = parseWith(ZFindingListQuery, raw, "findings query");
  return db().finding.findMany({
    where: {
      severity: q.severity,
      type: q.type,
      status: q.status,
      entityKey: q.entity ? { contains: q.entity, mode: "insensitive" } : undefined,
    },
    orderBy: [{ severity: "desc" }, { lastSeenAt: "desc" }],
    take: 500,
  });
}

export type FindingView = Awaited<ReturnType<typeof listFindings>>[number];
