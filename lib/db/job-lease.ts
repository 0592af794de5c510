import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { db } from "./client";

/** A lease lives this long (database time) after its last renewal; its holder renews it every LEASE_RENEW_MS. */
export const LEASE_TTL_MS = 15_000;
export const LEASE_RENEW_MS = 5_000;

const holder = globalThis as typeof globalThis & { __wardenInstanceId?: string };

/** This process's holder id: "host:pid:random", unique across restarts of the same process id. */
export function instanceId(): string {
  holder.__wardenInstanceId ??= `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  return holder.__wardenInstanceId;
}

type LeaseRow = { holder: string; expiresAt: Date; now: Date };

/**
 * Takes or renews the lease `name` for `by`, in one transaction on the row (FOR UPDATE): renewed when
 * `by` already holds it, taken over when it expired (recorded in JobLeaseAcquisition), refused while
 * another holder's lease runs. Expiry is compared with the database's clock, never an instance's.
 */
export async function acquireLease(name: string, by = instanceId(), ttlMs = LEASE_TTL_MS): Promise<boolean> {
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "JobLease" (name, holder, "acquiredAt", "renewedAt", "expiresAt")
      VALUES (${name}, '', 'epoch', 'epoch', 'epoch') ON CONFLICT (name) DO NOTHING`;
    const [row] = await tx.$queryRaw<LeaseRow[]>`
      SELECT holder, "expiresAt", now() AS now FROM "JobLease" WHERE name = ${name} FOR UPDATE`;
    if (row.holder === by) {
      await tx.$executeRaw`
        UPDATE "JobLease" SET "renewedAt" = now(), "expiresAt" = now() + ${ttlMs}::int * interval '1 millisecond'
        WHERE name = ${name}`;
      return true;
    }
    if (row.expiresAt > row.now) return false;
    await tx.$executeRaw`
      UPDATE "JobLease" SET holder = ${by}, "acquiredAt" = now(), "renewedAt" = now(),
        "expiresAt" = now() + ${ttlMs}::int * interval '1 millisecond'
      WHERE name = ${name}`;
    await tx.$executeRaw`
      INSERT INTO "JobLeaseAcquisition" (name, holder, "acquiredAt", "previousHolder", "previousExpiresAt")
      VALUES (${name}, ${by}, now(), ${row.holder || null}, ${row.holder ? row.expiresAt : null})`;
    return true;
  });
}

/** Gives the lease up at once (a clean stop), so the next instance need not wait for it to expire. */
export async function releaseLease(name: string, by = instanceId()): Promise<void> {
  await db().$executeRaw`UPDATE "JobLease" SET "expiresAt" = now() WHERE name = ${name} AND holder = ${by}`;
}
