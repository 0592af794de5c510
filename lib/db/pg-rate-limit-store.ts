import { db } from "./client";

/** A key's sync, as lib/policy/shared-rate-limiter.ts describes it (SyncItem). */
type Item = {
  key: string;
  limit: number;
  extra: number;
  refund: number;
  refundSecond: number;
  from: number;
  bucket: number;
  end: number;
};

/** An instance that has not synced for this long no longer shares the limits. */
const LIVE_SECONDS = 10;
const WINDOW_SECONDS = 60;
const DAY_SECONDS = 86_400;

/**
 * Shared rate-limit counts in PostgreSQL (when WARDEN_REDIS_URL is not set), in one transaction of six
 * statements whatever the number of keys: mark this instance live; lock every key (a transaction lock, taken in
 * key order so that two instances syncing the same keys never deadlock); add the extra calls and give back the
 * refunds; count each key's window; and reserve this instance's share of each key's headroom in this second.
 * Each key's window is the seconds from its item's `from` (a minute window's last 60 s, or a day window's one
 * counter, the day's first second). Counts older than two minutes are deleted on the way, by whichever instance
 * syncs, except day windows' (keys `day:…`), kept until their day is over.
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
        const grants = new Map<string, number>();
        const keys = [...new Set(items.map((i) => i.key))].sort();
        if (keys.length === 0) return { grants, instances: live };
        // Locks taken in the order of the lock ids themselves: two keys whose hashes collide, or keys sorted
        // by name in one instance and met in another order elsewhere, can never lock crosswise (40P01).
        await tx.$queryRaw`
          SELECT count(pg_advisory_xact_lock(h))::int AS n
          FROM (SELECT DISTINCT hashtext('rate:' || k) AS h FROM unnest(${keys}::text[]) AS k ORDER BY h) AS locks`;
        await add(
          tx,
          items.flatMap((i) => [
            { key: i.key, second: i.bucket, n: i.extra },
            { key: i.key, second: i.refundSecond, n: -i.refund },
          ]),
        );
        const from = new Map(items.map((i) => [i.key, i.from]));
        const counts = await tx.$queryRaw<{ key: string; n: number }[]>`
          SELECT c.key, coalesce(sum(c.count), 0)::int AS n
          FROM "RateLimitCount" c
          JOIN unnest(${keys}::text[], ${keys.map((k) => from.get(k)!)}::bigint[]) AS w(key, "from")
            ON c.key = w.key AND c.second >= w."from"
          GROUP BY c.key`;
        const used = new Map(counts.map((c) => [c.key, c.n]));
        for (const item of items) {
          const headroom = item.limit - (used.get(item.key) ?? 0);
          grants.set(item.key, headroom >= 1 ? Math.max(1, Math.floor(headroom / Math.max(1, live))) : 0);
        }
        await add(
          tx,
          items.map((i) => ({ key: i.key, second: i.bucket, n: grants.get(i.key) ?? 0 })),
        );
        if (now % 30 === 0)
          await tx.$executeRaw`DELETE FROM "RateLimitCount"
            WHERE (second < ${now - 2 * WINDOW_SECONDS} AND key NOT LIKE 'day:%')
               OR second < ${now - DAY_SECONDS - 2 * WINDOW_SECONDS}`;
        return { grants, instances: live };
      }),
  };
}

type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];

/** Adds counts per (key, second) in one statement, summed first: one statement may not update a row twice. */
async function add(tx: Tx, deltas: { key: string; second: number; n: number }[]) {
  const sums = new Map<string, { key: string; second: number; n: number }>();
  for (const d of deltas) {
    if (d.n === 0) continue;
    const id = `${d.second}\u0000${d.key}`;
    const s = sums.get(id);
    if (s) s.n += d.n;
    else sums.set(id, { ...d });
  }
  const rows = [...sums.values()].filter((r) => r.n !== 0);
  if (rows.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "RateLimitCount" (key, second, count)
    SELECT * FROM unnest(${rows.map((r) => r.key)}::text[], ${rows.map((r) => r.second)}::bigint[], ${rows.map((r) => r.n)}::int[])
    ON CONFLICT (key, second) DO UPDATE SET count = "RateLimitCount".count + EXCLUDED.count`;
}
