type Window = { hits: number[]; start: number };

export type Taken = { ok: true } | { ok: false; retryAfterSeconds: number; reason?: string };

/** What the decision engine needs of a rate limiter: a synchronous answer, never a network round trip. */
export interface CallLimiter {
  take(key: string, limit: number, now: number): Taken;
}

/**
 * A sliding one-minute window per key, in this process's memory: O(1) amortised per call, since
 * timestamps arrive in order and expire from the front. Exact for one process (PGlite, a lone gateway);
 * several instances share their counts through SharedRateLimiter.
 */
export class RateLimiter implements CallLimiter {
  private windows = new Map<string, Window>();

  /** Records a call at `now` unless the key already has `limit` calls in the last minute. */
  take(key: string, limit: number, now: number): Taken {
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
}
