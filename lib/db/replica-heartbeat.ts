import { db } from "./client";

/** How often the primary stamps its heartbeat: the lag a current replica shows stays under this. */
export const HEARTBEAT_MS = 2_000;

/**
 * Stamps the primary's clock on the one ReplicaHeartbeat row (the pt-heartbeat method). A replica shows the
 * stamp it has replayed, so its age there is the replica's lag, for physical and logical replication alike.
 * Run by the singleton "replica-heartbeat" job while DATABASE_REPLICA_URL is set.
 */
export async function writeReplicaHeartbeat(): Promise<void> {
  await db().$executeRaw`
    INSERT INTO "ReplicaHeartbeat" (id, "beatAt") VALUES (1, clock_timestamp())
    ON CONFLICT (id) DO UPDATE SET "beatAt" = EXCLUDED."beatAt"`;
}
