import { db } from "@/lib/db/client";

/**
 * Backoff, not lockout. Failed sign-ins are counted per client (address), per account (email, known or
 * not, so throttling reveals nothing about existence) and per trusted device. Past a few free failures
 * each key waits 15 s, 30 s, 1 min … up to 15 minutes before its next attempt. A browser that has signed in
 * to the account before holds a device cookie and is counted on its own key, so a stranger hammering
 * the account from elsewhere never keeps the real user out.
 */
export const FREE_FAILURES = { client: 20, account: 5, device: 5 } as const;
export const BASE_BACKOFF_SECONDS = 15;
export const MAX_BACKOFF_SECONDS = 15 * 60;
/** A key with no failure for this long starts again from zero. */
const FORGET_AFTER_MS = 60 * 60_000;

export type ThrottleKey = { key: string; free: number };

export function throttleKeys(email: string, client: { address: string | null; device: string | null }) {
  const keys: ThrottleKey[] = [];
  if (client.address) keys.push({ key: `client:${client.address}`, free: FREE_FAILURES.client });
  if (client.device) keys.push({ key: `device:${client.device}`, free: FREE_FAILURES.device });
  else keys.push({ key: `account:${email}`, free: FREE_FAILURES.account });
  return keys;
}

export const backoffSeconds = (failures: number, free: number) =>
  failures < free ? 0 : Math.min(MAX_BACKOFF_SECONDS, BASE_BACKOFF_SECONDS * 2 ** (failures - free));

/** Seconds until every key may try again (0: go ahead). */
export async function retryAfter(keys: ThrottleKey[], now: Date): Promise<number> {
  const rows = await db().signInThrottle.findMany({ where: { key: { in: keys.map((k) => k.key) } } });
  const until = Math.max(0, ...rows.map((r) => r.blockedUntil?.getTime() ?? 0));
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

/** Counts a failure on every key (atomically, so parallel guesses all count) and sets each key's wait. */
export async function recordFailure(keys: ThrottleKey[], now: Date): Promise<void> {
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS);
  for (const { key, free } of keys) {
    const [row] = await db().$queryRaw<{ failures: number }[]>`
      INSERT INTO "SignInThrottle" (key, failures, "updatedAt") VALUES (${key}, 1, ${now}::timestamptz)
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN "SignInThrottle"."updatedAt" < ${forgetBefore}::timestamptz THEN 1 ELSE "SignInThrottle".failures + 1 END,
        "updatedAt" = ${now}::timestamptz
      RETURNING failures`;
    const wait = backoffSeconds(row.failures, free);
    if (wait > 0)
      await db().signInThrottle.update({
        where: { key },
        data: { blockedUntil: new Date(now.getTime() + wait * 1000) },
      });
  }
  // Keys nobody has used for a day are dropped, so spraying addresses cannot grow the table for ever.
  await db().signInThrottle.deleteMany({ where: { updatedAt: { lt: new Date(now.getTime() - 24 * 3600_000) } } });
}

/** The right password clears the account's (or device's) count; the client's count only decays. */
export async function recordSuccess(keys: ThrottleKey[]): Promise<void> {
  const own = keys.filter((k) => !k.key.startsWith("client:")).map((k) => k.key);
  await db().signInThrottle.deleteMany({ where: { key: { in: own } } });
}
