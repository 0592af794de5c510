import { db } from "@/lib/db/client";

/** How often the clock makes sure the audit log's partitions are there ahead of time. */
export const PARTITION_SWEEP_MS = 60 * 60_000;

/**
 * Creates the audit log's partitions for the current (UTC) month and the next, when missing, so the first
 * record of a month never waits on DDL. Runs on a clock under a lease; `warden_audit_partition` (a SECURITY
 * DEFINER function of the migration) lets the application's role, which has no DDL, do this and nothing else.
 * Like checkpoints, this is upkeep of the evidence rather than a change to it: it writes no audit record.
 * Returns the partitions' names.
 */
export async function ensureAuditPartitions(now?: Date): Promise<string[]> {
  const [row] = await db().$queryRawUnsafe<{ current: string; next: string }[]>(
    `SELECT warden_audit_partition(t)::text AS current, warden_audit_partition(t + interval '1 month')::text AS next
     FROM (SELECT COALESCE($1::timestamptz, now()) AS t) AS at`,
    now?.toISOString() ?? null,
  );
  return [row.current, row.next];
}
