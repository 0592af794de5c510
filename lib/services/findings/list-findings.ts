import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";

/** A read, and only a read: findings are raised by ingest, decisions and the rotation sweep. */
export async function listFindings(actor: Actor) {
  assertCan(actor, "findings.read");
  return db().finding.findMany({ orderBy: [{ status: "asc" }, { lastSeenAt: "desc" }], take: 500 });
}

export type FindingView = Awaited<ReturnType<typeof listFindings>>[number];
