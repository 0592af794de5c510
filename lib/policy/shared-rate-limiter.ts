import type { CallLimiter, Taken } from "./rate-limiter";

/**
 * One key's sync: its limit, calls taken beyond any grant (`extra`: the first call of a key this instance
 * had not seen), and the unused part of the last grant to give back (`refund`, counted in `refundSecond`).
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

type KeyState = { limit: number; budget: number; grantSecond: number; extra: number; usedAt: number };

/**
 * A rate limit shared by every instance (consoles and gateways), answered from memory. Every SYNC_MS an
 * instance gives back the unused part of its grant and is granted its share of the headroom left in the
 * window, reserved in the store at once: the calls and grants of all instances together never exceed the
 * limit, but for rounding (a grant is at least one call while any headroom is left) and each instance's
 * first call of a key it has not synced yet: at most limit + 2 × (instances − 1). See docs/operations.md.
 * When the store cannot be reached for STALE_MS, limited calls are denied: fail closed.
 */
export class SharedRateLimiter implements CallLimiter {
  private readonly keys = new Map<string, KeyState>();
  private lastSync: number;
  private syncing = false;
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
    const k = this.keys.get(key);
    if (!k) {
      this.keys.set(key, { limit, budget: 0, grantSecond: 0, extra: 1, usedAt: now });
      return { ok: true };
    }
    k.limit = limit;
    k.usedAt = now;
    if (k.budget <= 0) return { ok: false, retryAfterSeconds: 1 };
    k.budget--;
    return { ok: true };
  }

  /** Gives back unused grants and takes new ones; after a failed sync the old grants stay spent. */
  async sync(): Promise<void> {
    if (this.syncing) return;
    this.syncing = true;
    const now = this.clock();
    const items: SyncItem[] = [];
    for (const [key, k] of this.keys) {
      // An idle key gives its grant back and asks for none (limit 0), then leaves memory.
      const idle = now - k.usedAt > (WINDOW_SECONDS + 1) * 1000;
      if (idle) this.keys.delete(key);
      items.push({ key, limit: idle ? 0 : k.limit, extra: k.extra, refund: k.budget, refundSecond: k.grantSecond });
      // Until the store answers, nothing more is taken from the old grant (it is being given back).
      k.extra = 0;
      k.budget = 0;
    }
    try {
      const answer = await this.store.sync(this.instance, items, Math.floor(now / 1000));
      for (const [key, grant] of answer.grants) {
        const k = this.keys.get(key);
        if (!k) continue;
        k.budget = grant;
        k.grantSecond = Math.floor(now / 1000);
      }
      this.lastSync = now;
      this.lastError = null;
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      // The extra calls were taken: count them at the next sync.
      for (const item of items) {
        const k = this.keys.get(item.key);
        if (k) k.extra += item.extra;
      }
    } finally {
      this.syncing = false;
    }
  }
}
