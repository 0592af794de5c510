type Window = { hits: number[]; start: number };

/**
 * A sliding one-minute window per key, in this process's memory: O(1) amortised per call, since
 * timestamps arrive in order and expire from the front. Several Warden instances each count their
 * own share: the limit then holds per instance (see the README), never failing towards an error.
 */
export class RateLimiter {
  private windows = new Map<string, Window>();

  /** Records a call at `now` unless the key already has `limit` calls in the last minute. */
  take(key: string, limit: number, now: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
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
