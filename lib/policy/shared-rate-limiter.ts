import { dayOf, secondsToMidnight, type CallLimiter, type LimitWindow, type Taken } from "./rate-limiter";

/**
 * One key's sync: its limit, calls to count now that no earlier grant covered (`extra`: a first-grant burst,
 * and the part of the grant this instance keeps spending while the sync is on the way), and the unused part of
 * the last grant to give back (`refund`, counted in `refundSecond`). The window is the seconds from `from`;
 * extra calls and the new grant are counted in the second `bucket` (the sync's own second for a minute window,
 * the first second of the day for a day window: one counter a day); a store keeps the key until `end` (the end
 * of its window) plus two minutes, and drops counts older than `from - 60`.
 */
export type SyncItem = {
  key: string;
  limit: number;
  extra: number;
  refund: number;
  refundSecond: number;
  from: number;
  bucket: number;
  end: number;
};

/**
 * Where instances share their counts: Redis (redis-rate-limit-store.ts) or PostgreSQL
 * (lib/db/pg-rate-limit-store.ts). Per key, atomically: apply the extra calls and the refund, count every
 * instance's calls and grants in the window (the seconds from `nowSecond - WINDOW_SECONDS`), and grant this
 * instance its share of what is left, counted in `nowSecond` at once. Also answers how many instances synced
 * in the last few seconds.
 */
export interface CounterStore {
  sync(
    instance: string,
    items: SyncItem[],
    nowSecond: number,
  ): Promise<{ grants: Map<string, number>; instances: number }>;
}

/** Calls are counted in whole seconds over 61 of them: a window never shorter than the minute it stands for. */
export const WINDOW_SECONDS = 60;
export const DAY_SECONDS = 86_400;
/** A day window's key in the store (and in memory): stores keep these until their day is over. */
export const dayKey = (key: string) => `day:${key}`;
/** Grants are renewed this often: the hot path never waits for the network. */
export const SYNC_MS = 250;
/** With no answer from the store for this long, the counts are unknown: every limited call is denied. */
export const STALE_MS = 5_000;
/**
 * While a sync is on the way, an instance keeps this many sync intervals of its recent calls, and at least
 * burstOf(limit): a key called now and then is not refused because a sync happens to be on the way.
 */
export const HOLD_INTERVALS = 4;

/**
 * Calls an instance admits of a key before its first grant arrives, without asking: 1 % of the limit, at least
 * one. It is the only thing the instances admit beyond the limit (see SharedRateLimiter).
 */
export const burstOf = (limit: number) => Math.max(1, Math.floor(limit / 100));

type KeyState = {
  limit: number;
  window: LimitWindow;
  /** the UTC day a day window's grant and burst belong to (0 for a minute window) */
  period: number;
  /** the store's last answer granted nothing: the window is used up */
  exhausted: boolean;
  /** calls left of the current grant, reserved in the store in `grantSecond` */
  budget: number;
  grantSecond: number;
  granted: boolean;
  /** calls admitted before the first grant */
  burst: number;
  /** calls admitted that no grant covers: counted at the next sync */
  extra: number;
  /** calls admitted since the last sync started: how much to keep while the next one is on the way */
  used: number;
  /** calls refused before the key's first grant, which will be decided again once it comes (first-grant.ts) */
  waiting: number;
  usedAt: number;
};

/**
 * A rate limit shared by every instance (consoles and gateways), answered from memory, never waiting for the
 * network. Every SYNC_MS an instance gives back the unused part of its grant, re-reserves in the same atomic
 * step the part it keeps spending while the sync is on the way (HOLD_INTERVALS × its calls since the last
 * sync, at least burstOf(limit)), and is granted its share of the headroom left in the window. Every admitted call is covered by a
 * reservation in the store except each instance's first-grant burst (burstOf(limit), once per key per window,
 * as a key leaves memory only after a whole window unused, and a day window's key only once its day is over):
 * at most limit + N × burstOf(limit) calls for N instances, per minute or per UTC day. See docs/operations.md.
 * When the store cannot be read for STALE_MS, limited calls are denied: fail closed.
 */
export class SharedRateLimiter implements CallLimiter {
  private readonly keys = new Map<string, KeyState>();
  private lastSync: number;
  private syncing = false;
  private soon = false;
  private timer: NodeJS.Timeout | undefined;
  /** syncs started and the waiters for one started after they asked (firstGrants) */
  private started = 0;
  private waiters: { after: number; resolve: () => void }[] = [];
  lastError: string | null = null;
  firstGrantRefusals = 0;

  constructor(
    private readonly store: CounterStore,
    private readonly instance: string,
    private readonly clock: () => number = Date.now,
  ) {
    this.lastSync = clock();
  }

  start(): this {
    this.timer ??= setInterval(() => void this.sync(), SYNC_MS).unref();
    return this;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  take(key: string, limit: number, now: number, window: LimitWindow = "minute"): Taken {
    if (this.clock() - this.lastSync > STALE_MS)
      return { ok: false, retryAfterSeconds: 1, reason: "the shared rate-limit counts cannot be read; failing closed" };
    const id = window === "day" ? dayKey(key) : key;
    const period = window === "day" ? dayOf(now) : 0;
    let k = this.keys.get(id);
    if (k && k.period !== period) newPeriod(k, period);
    if (!k) {
      k = {
        limit,
        window,
        period,
        exhausted: false,
        budget: 0,
        grantSecond: 0,
        granted: false,
        burst: 0,
        extra: 0,
        used: 0,
        waiting: 0,
        usedAt: now,
      };
      this.keys.set(id, k);
      // Its first grant is asked for at once rather than at the next tick: the burst lasts one round trip.
      if (this.timer && !this.soon) {
        this.soon = true;
        setImmediate(() => ((this.soon = false), void this.sync()));
      }
    }
    k.limit = limit;
    k.usedAt = now;
    if (!k.granted && k.burst < burstOf(limit)) {
      k.burst++;
      k.extra++;
    } else if (k.budget > 0) {
      k.budget--;
    } else {
      if (!k.granted) {
        this.firstGrantRefusals++;
        k.waiting++;
        return {
          ok: false,
          retryAfterSeconds: 1,
          reason: "the shared rate-limit counts have not answered yet; retry in 1 s",
        };
      }
      return { ok: false, retryAfterSeconds: window === "day" && k.exhausted ? secondsToMidnight(now) : 1 };
    }
    k.used++;
    return { ok: true };
  }

  /**
   * Resolves once a sync that started after this call has finished (it carries every key in memory now), or
   * after `timeoutMs`: what a call refused before its key's first grant waits for before it is decided again.
   */
  firstGrants(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const waiter = { after: this.started, resolve: () => (clearTimeout(timer), resolve()) };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve();
      }, timeoutMs).unref();
      this.waiters.push(waiter);
      // A sync on the way may have left before the key was met: the next one starts when it ends.
      if (!this.syncing) void this.sync();
    });
  }

  /**
   * Gives back unused grants and takes new ones. The part of a grant kept for the way is reserved again in this
   * sync's second, so the calls taken from it stay covered whether or not the store applied a sync that failed.
   */
  async sync(): Promise<void> {
    if (this.syncing) return;
    this.syncing = true;
    const ordinal = ++this.started;
    const now = this.clock();
    const second = Math.floor(now / 1000);
    const sent: { k: KeyState; item: SyncItem; extra: number; period: number }[] = [];
    for (const [key, k] of this.keys) {
      const day = k.window === "day";
      const period = day ? dayOf(now) : 0;
      // An idle key gives its grant back and asks for none (limit 0), then leaves memory. A day window's key
      // stays until its day is over, so an instance admits its first-grant burst once a day, not once an hour.
      const idle = now - k.usedAt > (WINDOW_SECONDS + 1) * 1000 && (!day || k.period !== period);
      if (idle) this.keys.delete(key);
      else if (k.period !== period) newPeriod(k, period);
      // The calls that waited for the first grant are decided again while the next sync is on the way: kept for them.
      const hold = idle
        ? 0
        : Math.min(k.budget, Math.max(burstOf(k.limit), HOLD_INTERVALS * k.used, k.granted ? k.waiting : 0));
      if (k.granted) k.waiting = 0;
      const from = day ? period * DAY_SECONDS : second - WINDOW_SECONDS;
      const item = {
        key,
        limit: idle ? 0 : k.limit,
        extra: k.extra + hold,
        refund: k.budget,
        refundSecond: k.grantSecond,
        from,
        bucket: day ? from : second,
        end: day ? from + DAY_SECONDS : second,
      };
      sent.push({ k, item, extra: k.extra, period });
      k.extra = 0;
      k.used = 0;
      // Until the store answers, only what is kept for the way is spent.
      k.budget = hold;
    }
    try {
      const answer = await this.store.sync(
        this.instance,
        sent.map((s) => s.item),
        second,
      );
      for (const { k, item, period } of sent) {
        // A grant for a day that ended while the sync was on the way is never spent.
        if (this.keys.get(item.key) !== k || k.period !== period) continue;
        const grant = answer.grants.get(item.key) ?? 0;
        k.budget += grant;
        k.grantSecond = item.bucket;
        k.granted = true;
        k.exhausted = grant === 0;
      }
      this.lastSync = now;
      this.lastError = null;
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      // Uncounted calls stay to count. What is left of the part kept is still reserved: in grantSecond, or in
      // this second if the store applied the sync after all (giving it back in the older second is never too
      // little: the count is only ever too high, until that second leaves the window).
      for (const s of sent) s.k.extra += s.extra;
    } finally {
      this.syncing = false;
      const served = this.waiters.filter((w) => w.after < ordinal);
      this.waiters = this.waiters.filter((w) => w.after >= ordinal);
      for (const w of served) w.resolve();
      if (this.waiters.length > 0) void this.sync();
    }
  }
}

/**
 * A day window's key meets a new UTC day: what is left of yesterday's grant is never spent today (it stays
 * counted in yesterday's counter), and the instance may admit one first-grant burst of the new day.
 */
function newPeriod(k: KeyState, period: number) {
  k.period = period;
  k.budget = 0;
  k.granted = false;
  k.burst = 0;
  k.exhausted = false;
}
