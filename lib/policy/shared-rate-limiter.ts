import type { CallLimiter, Taken } from "./rate-limiter";

/**
 * One key's sync: its limit, calls to count now that no earlier grant covered (`extra`: a first-grant burst,
 * and the part of the grant this instance keeps spending while the sync is on the way), and the unused part of
 * the last grant to give back (`refund`, counted in `refundSecond`).
 */
export type SyncItem = { key: string; limit: number; extra: number; refund: number; refundSecond: number };

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
  usedAt: number;
};

/**
 * A rate limit shared by every instance (consoles and gateways), answered from memory, never waiting for the
 * network. Every SYNC_MS an instance gives back the unused part of its grant, re-reserves in the same atomic
 * step the part it keeps spending while the sync is on the way (HOLD_INTERVALS × its calls since the last
 * sync, at least burstOf(limit)), and is granted its share of the headroom left in the window. Every admitted call is covered by a
 * reservation in the store except each instance's first-grant burst (burstOf(limit), once per key per window,
 * as a key leaves memory only after a whole window unused): at most limit + N × burstOf(limit) calls for N
 * instances. See docs/operations.md. When the store cannot be read for STALE_MS, limited calls are denied:
 * fail closed.
 */
export class SharedRateLimiter implements CallLimiter {
  private readonly keys = new Map<string, KeyState>();
  private lastSync: number;
  private syncing = false;
  private soon = false;
  private timer: NodeJS.Timeout | undefined;
  lastError: string | null = null;

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

  take(key: string, limit: number, now: number): Taken {
    if (this.clock() - this.lastSync > STALE_MS)
      return { ok: false, retryAfterSeconds: 1, reason: "the shared rate-limit counts cannot be read; failing closed" };
    let k = this.keys.get(key);
    if (!k) {
      k = { limit, budget: 0, grantSecond: 0, granted: false, burst: 0, extra: 0, used: 0, usedAt: now };
      this.keys.set(key, k);
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
      return { ok: false, retryAfterSeconds: 1 };
    }
    k.used++;
    return { ok: true };
  }

  /**
   * Gives back unused grants and takes new ones. The part of a grant kept for the way is reserved again in this
   * sync's second, so the calls taken from it stay covered whether or not the store applied a sync that failed.
   */
  async sync(): Promise<void> {
    if (this.syncing) return;
    this.syncing = true;
    const now = this.clock();
    const second = Math.floor(now / 1000);
    const sent: { k: KeyState; item: SyncItem; extra: number }[] = [];
    for (const [key, k] of this.keys) {
      // An idle key gives its grant back and asks for none (limit 0), then leaves memory.
      const idle = now - k.usedAt > (WINDOW_SECONDS + 1) * 1000;
      if (idle) this.keys.delete(key);
      const hold = idle ? 0 : Math.min(k.budget, Math.max(burstOf(k.limit), HOLD_INTERVALS * k.used));
      const item = {
        key,
        limit: idle ? 0 : k.limit,
        extra: k.extra + hold,
        refund: k.budget,
        refundSecond: k.grantSecond,
      };
      sent.push({ k, item, extra: k.extra });
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
      for (const { k, item } of sent) {
        if (this.keys.get(item.key) !== k) continue;
        k.budget += answer.grants.get(item.key) ?? 0;
        k.grantSecond = second;
        k.granted = true;
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
    }
  }
}
