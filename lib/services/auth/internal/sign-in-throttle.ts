import { db } from "@/lib/db/client";

/**
 * Backoff, never lockout. Failed sign-ins are counted on keys, and each key past its free failures waits
 * before its next attempt, longer with each failure:
 * - `pair`: one client address guessing one account. The strict key: 15 s, 30 s, 1 min … up to 15 minutes.
 *   A stranger hammering an account from their address is held here, and only there.
 * - `account`: every address together, against one account (known or not, so throttling reveals nothing
 *   about existence). It only slows down, 1 s, 2 s … up to one minute, so guessing spread over many
 *   addresses stays slow while the owner, from anywhere, gets in after at most that minute.
 * - `client`: one address across accounts (password spraying), as strict as `pair`.
 * - `device`: a browser that signed in to this account before holds a device cookie for it. Its attempts
 *   count on this key alone, so no failure by anyone else ever makes it wait.
 */
export const THROTTLE = {
  pair: { free: 5, base: 15, max: 15 * 60 },
  account: { free: 10, base: 1, max: 60 },
  client: { free: 20, base: 15, max: 15 * 60 },
  device: { free: 5, base: 15, max: 15 * 60 },
} as const;
export type ThrottleKind = keyof typeof THROTTLE;
/** A key with no failure for this long starts again from zero. */
const FORGET_AFTER_MS = 60 * 60_000;

export type ThrottleKey = { kind: ThrottleKind; key: string };

export function throttleKeys(email: string, client: { address: string; device: string | null }): ThrottleKey[] {
  if (client.device) return [{ kind: "device", key: `device:${client.device}` }];
  return [
    { kind: "client", key: `client:${client.address}` },
    { kind: "pair", key: `pair:${client.address} ${email}` },
    { kind: "account", key: `account:${email}` },
  ];
}

export function backoffSeconds(kind: ThrottleKind, failures: number): number {
  const { free, base, max } = THROTTLE[kind];
  return failures < free ? 0 : Math.min(max, base * 2 ** Math.min(failures - free, 30));
}

/** Seconds until every key may try again (0: go ahead), and the kinds of key that are waiting. */
export async function retryAfter(keys: ThrottleKey[], now: Date): Promise<{ seconds: number; by: ThrottleKind[] }> {
  const rows = await db().signInThrottle.findMany({ where: { key: { in: keys.map((k) => k.key) } } });
  const waiting = rows.filter((r) => r.blockedUntil && r.blockedUntil > now);
  const until = Math.max(0, ...waiting.map((r) => r.blockedUntil!.getTime()));
  return {
    seconds: until > 0 ? Math.ceil((until - now.getTime()) / 1000) : 0,
    by: keys.filter((k) => waiting.some((r) => r.key === k.key)).map((k) => k.kind),
  };
}

/** Counts a failure on every key (atomically, so parallel guesses all count) and sets each key's wait. */
export async function recordFailure(keys: ThrottleKey[], now: Date): Promise<void> {
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS);
  for (const { kind, key } of keys) {
    const [row] = await db().$queryRaw<{ failures: number }[]>`
      INSERT INTO "SignInThrottle" (key, failures, "updatedAt") VALUES (${key}, 1, ${now}::timestamptz)
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN "SignInThrottle"."updatedAt" < ${forgetBefore}::timestamptz THEN 1 ELSE "SignInThrottle".failures + 1 END,
        "updatedAt" = ${now}::timestamptz
      RETURNING failures`;
    const wait = backoffSeconds(kind, row.failures);
    if (wait > 0)
      await db().signInThrottle.update({
        where: { key },
        data: { blockedUntil: new Date(now.getTime() + wait * 1000) },
      });
  }
  // Keys nobody has used for a day are dropped, so spraying addresses cannot grow the table for ever.
  await db().signInThrottle.deleteMany({ where: { updatedAt: { lt: new Date(now.getTime() - 24 * 3600_000) } } });
}

/**
 * The right password clears the count of the address (or device) that proved it for this account. The
 * account-wide and spraying counts only decay: one success does not buy a distributed guesser new free tries.
 */
export async function recordSuccess(keys: ThrottleKey[]): Promise<void> {
  const own = keys.filter((k) => k.kind === "pair" || k.kind === "device").map((k) => k.key);
  await db().signInThrottle.deleteMany({ where: { key: { in: own } } });
}
