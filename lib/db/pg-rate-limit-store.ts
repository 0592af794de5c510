import { db } from "./client";

type Item = { key: string; limit: number; extra: number; refund: number; refundSecond: number };

/** An instance that has not synced for this long no longer shares the limits. */
const LIVE_SECONDS = 10;
const WINDOW_SECONDS = 60;

/**
 * Shared rate-limit counts in PostgreSQL (when WARDEN_REDIS_URL is not set), in one transaction: mark
 * this instance live, then per key, under a transaction lock on the key: add the extra calls, give back
 * the refund, count the window, and reserve this instance's share of the headroom in this second.
 * Seconds older than two windows are deleted on the way, by whichever instance syncs.
 */
export function pgRateLimitStore() {
  return {
    sync: (instance: string, items: Item[], now: number) =>
      db().$transaction(async (tx) => {
        await tx.$executeRaw`
          INSERT INTO "RateLimitInstance" (id, "syncedAt") VALUES (${instance}, now())
          ON CONFLICT (id) DO UPDATE SET "syncedAt" = now()`;
        const [{ live }] = await tx.$queryRaw<{ live: number }[]>`
          SELECT count(*)::int AS live FROM "RateLimitInstance"
          WHERE "syncedAt" > now() - ${LIVE_SECONDS}::int * interval '1 second'`;
        const add = (key: string, second: number, n: number) => tx.$executeRaw`
          INSERT INTO "RateLimitCount" (key, second, count) VALUES (${key}, ${second}, ${n})
          ON CONFLICT (key, second) DO UPDATE SET count = "RateLimitCount".count + EXCLUDED.count`;
        const grants = new Map<string, number>();
        for (const item of items) {
          await tx.$queryRaw`SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(${`rate:${item.key}`}))) AS l`;
          if (item.extra > 0) await add(item.key, now, item.extra);
          if (item.refund > 0) await add(item.key, item.refundSecond, -item.refund);
          const [{ n }] = await tx.$queryRaw<{ n: number }[]>`
            SELECT coalesce(sum(count), 0)::int AS n FROM "RateLimitCount"
            WHERE key = ${item.key} AND second >= ${now - WINDOW_SECONDS}`;
          const headroom = item.limit - n;
          const grant = headroom >= 1 ? Math.max(1, Math.floor(headroom / Math.max(1, live))) : 0;
          if (grant > 0) await add(item.key, now, grant);
          grants.set(item.key, grant);
        }
        if (now % 30 === 0)
          await tx.$executeRaw`DELETE FROM "RateLimitCount" WHERE second < ${now - 2 * WINDOW_SECONDS}`;
        return { grants, instances: live };
      }),
  };
}
