type Window = { hits: number[]; start: number };

export type Taken = { ok: true } | { ok: false; retryAfterSeconds: number; reason?: string };

/**
 * What a limit counts over: the sliding minute before the call, or the calendar day (UTC) the call falls in,
 * which starts afresh at 00:00 UTC.
 */
export type LimitWindow = "minute" | "day";

export const DAY_MS = 86_400_000;
/** The UTC day a time falls in, as a day number (days since 1970-01-01). */
export const dayOf = (ms: number) => Math.floor(ms / DAY_MS);
/** Whole seconds from `ms` until the next 00:00 UTC, at least one. */
export const secondsToMidnight = (ms: number) => Math.max(1, Math.ceil(((dayOf(ms) + 1) * DAY_MS - ms) / 1000));

/** What the decision engine needs of a rate limiter: a synchronous answer, never a network round trip. */
export interface CallLimiter {
  take(key: string, limit: number, now: number, window?: LimitWindow): Taken;
  /**
   * A shared limiter's count of refusals made only because a key's first grant had not arrived yet (its
   * first-grant burst was spent), and a wait for the grants on the way: see decideAfterFirstGrants.
   */
  readonly firstGrantRefusals?: number;
  firstGrants?(timeoutMs: number): Promise<void>;
}

/**
 * A sliding one-minute window per key, or a count per UTC day, in this process's memory: O(1) amortised per
 * call, since timestamps arrive in order and expire from the front. Exact for one process (PGlite, a lone
 * gateway); several instances share their counts through SharedRateLimiter.
 */
export class RateLimiter implements CallLimiter {
  private windows = new Map<string, Window>();
  private days = new Map<string, { day: number; count: number }>();
  private sweptAt = 0;

  /** Records a call at `now` unless the key already has `limit` calls in its window. */
  take(key: string, limit: number, now: number, window: LimitWindow = "minute"): Taken {
    if (window === "day") return this.takeDay(key, limit, now);
    this.sweep(now);
    let w = this.windows.get(key);
    if (!w) this.windows.set(key, (w = { hits: [], start: 0 }));
    const since = now - 60_000;
    while (w.start < w.hits.length && w.hits[w.start] <= since) w.start++;
    if (w.start > 1024 && w.start * 2 > w.hits.length) {
      w.hits = w.hits.slice(w.start);
      w.start = 0;
    }
    if (w.hits.length - w.start >= limit) {
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((w.hits[w.start] + 60_000 - now) / 1000)) };
    }
    w.hits.push(Math.max(now, w.hits[w.hits.length - 1] ?? now));
    return { ok: true };
  }

  private takeDay(key: string, limit: number, now: number): Taken {
    const day = dayOf(now);
    let d = this.days.get(key);
    if (!d || d.day < day) this.days.set(key, (d = { day, count: 0 }));
    if (d.count >= limit) return { ok: false, retryAfterSeconds: secondsToMidnight(now) };
    d.count++;
    return { ok: true };
  }

  /**
   * Once a minute, forgets the keys with no call in the last minute (and day counts of past days): a per-user
   * limit meets a key per user, and a key that left memory has nothing left to count.
   */
  private sweep(now: number) {
    if (now - this.sweptAt < 60_000) return;
    this.sweptAt = now;
    for (const [key, w] of this.windows) if ((w.hits[w.hits.length - 1] ?? 0) <= now - 60_000) this.windows.delete(key);
    const today = dayOf(now);
    for (const [key, d] of this.days) if (d.day < today) this.days.delete(key);
  }
}
