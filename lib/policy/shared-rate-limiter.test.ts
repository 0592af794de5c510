import { randomUUID } from "node:crypto";
import { Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { pgRateLimitStore } from "@/lib/db/pg-rate-limit-store";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { RateLimiter, secondsToMidnight } from "./rate-limiter";
import { redisRateLimitStore } from "./redis-rate-limit-store";
import { burstOf, SharedRateLimiter, STALE_MS, type CounterStore } from "./shared-rate-limiter";

const LIMIT = 300;

/** Two gateways hammer one key for 3 s, syncing through `store`: what both admitted together. */
async function splitAcrossTwo(store: CounterStore) {
  const key = `test-${randomUUID()}`;
  const gateways = ["gw-1", "gw-2"].map((id) => new SharedRateLimiter(store, `${id}-${key}`).start());
  await Promise.all(gateways.map((g) => g.sync()));
  let admitted = 0;
  const until = Date.now() + 3000;
  await Promise.all(
    gateways.map(async (g) => {
      while (Date.now() < until) {
        for (let i = 0; i < 20; i++) if (g.take(key, LIMIT, Date.now()).ok) admitted++;
        await sleep(5);
      }
    }),
  );
  gateways.forEach((g) => g.stop());
  return admitted;
}

// The bound in docs/operations.md: at most limit + instances × burstOf(limit) calls in a window; and the limit
// is used, not just refused (both gateways want far more than it).
const expectWithinBound = (admitted: number) => {
  expect(admitted).toBeLessThanOrEqual(LIMIT + 2 * burstOf(LIMIT));
  expect(admitted).toBeGreaterThanOrEqual(LIMIT * 0.9);
};

/**
 * The gateway's approval journey ("more than 100000 calls a minute") was refused at its second call: a fresh
 * key's calls before its first grant, and every call while a sync was on the way, were denied.
 */
async function neverWaitsForTheStore(store: CounterStore) {
  let slow: Promise<void> | undefined;
  const delayed: CounterStore = { sync: async (...args) => (await slow, store.sync(...args)) };
  const key = `test-${randomUUID()}`;
  const limiter = new SharedRateLimiter(delayed, `gw-${key}`);
  // Before the first grant: a burst of burstOf(100000) = 1000 calls, not one.
  for (let i = 0; i < 5; i++) expect(limiter.take(key, 100_000, Date.now())).toEqual({ ok: true });
  await limiter.sync();
  expect(limiter.lastError).toBeNull();
  for (let i = 0; i < 5; i++) expect(limiter.take(key, 100_000, Date.now())).toEqual({ ok: true });
  await limiter.sync(); // and none since: the key is called now and then
  // A slow sync: the calls on the way are taken from the grant held.
  let release = () => {};
  slow = new Promise((resolve) => (release = resolve));
  const syncing = limiter.sync();
  await sleep(50);
  for (let i = 0; i < 10; i++) expect(limiter.take(key, 100_000, Date.now())).toEqual({ ok: true });
  slow = undefined;
  release();
  await syncing;
  expect(limiter.lastError).toBeNull();
  expect(limiter.take(key, 100_000, Date.now())).toEqual({ ok: true });
}

const BUDGET = 5;

/**
 * A daily budget of 5 across two instances sharing `store`, on a clock of their own: each asks for three calls
 * every 250 ms. Together they admit within the stated bound (budget + instances × burstOf(budget)) and no more
 * an hour later (a minute window would have room again); the next UTC day admits the budget again.
 */
async function dailyBudgetAcrossTwo(store: CounterStore) {
  let now = Date.UTC(2031, 0, 1, 22, 30) + Math.floor(Math.random() * 600_000);
  const key = `bud:budget-${randomUUID()}`;
  const [a, b] = ["a", "b"].map((id) => new SharedRateLimiter(store, `bud-${id}-${key}`, () => now));
  const day = async (rounds: number) => {
    let admitted = 0;
    for (let r = 0; r < rounds; r++) {
      for (const g of [a, b]) for (let i = 0; i < 3; i++) if (g.take(key, BUDGET, now, "day").ok) admitted++;
      await Promise.all([a.sync(), b.sync()]);
      expect([a.lastError, b.lastError]).toEqual([null, null]);
      now += 250;
    }
    return admitted;
  };
  const first = await day(12);
  expect(first).toBeGreaterThanOrEqual(BUDGET);
  expect(first).toBeLessThanOrEqual(BUDGET + 2 * burstOf(BUDGET));
  // An hour on, at a second PostgreSQL's store sweeps old counts in (a multiple of 30): the day's count stays.
  now = Math.ceil((now + 3_600_000) / 30_000) * 30_000;
  expect(await day(4)).toBe(0);
  expect(a.take(key, BUDGET, now, "day")).toEqual({ ok: false, retryAfterSeconds: secondsToMidnight(now) });
  now = Date.UTC(2031, 0, 2, 0, 0, 1);
  const next = await day(12);
  expect(next).toBeGreaterThanOrEqual(BUDGET);
  expect(next).toBeLessThanOrEqual(BUDGET + 2 * burstOf(BUDGET));
}

describeWithDatabase("a rate limit shared through PostgreSQL", () => {
  it("holds a daily budget across two instances within the stated bound, all day, and anew the next day", async () => {
    await dailyBudgetAcrossTwo(pgRateLimitStore());
  });

  it("syncs many keys at once from two instances that met them in opposite orders, without a deadlock", async () => {
    const keys = Array.from({ length: 60 }, (_, i) => `test-${randomUUID()}-${i}`);
    const [a, b] = ["a", "b"].map((id) => new SharedRateLimiter(pgRateLimitStore(), `gw-${id}-${keys[0]}`));
    for (let round = 0; round < 10; round++) {
      for (const k of keys) a.take(k, 100_000, Date.now());
      for (const k of [...keys].reverse()) b.take(k, 100_000, Date.now());
      await Promise.all([a.sync(), b.sync()]);
      expect([a.lastError, b.lastError]).toEqual([null, null]);
    }
  });

  it("holds across two gateways within the stated bound", async () => {
    expectWithinBound(await splitAcrossTwo(pgRateLimitStore()));
  });

  it("admits a fresh key's second call, and calls during a slow sync, from memory", async () => {
    await neverWaitsForTheStore(pgRateLimitStore());
  });
});

const redisUrl = process.env.WARDEN_REDIS_URL ?? "redis://127.0.0.1:6379";
const redisUp = await new Promise<boolean>((resolve) => {
  const { hostname, port } = new URL(redisUrl);
  const s = new Socket().setTimeout(500);
  s.once("connect", () => (s.destroy(), resolve(true)));
  s.once("error", () => resolve(false)).once("timeout", () => (s.destroy(), resolve(false)));
  s.connect(Number(port || 6379), hostname);
});

describe.skipIf(!redisUp)(
  `a rate limit shared through Redis${redisUp ? "" : ` (skipped: no Redis at ${redisUrl})`}`,
  () => {
    it("holds a daily budget across two instances within the stated bound, all day, and anew the next day", async () => {
      const store = redisRateLimitStore(redisUrl, `bud:rl:${randomUUID()}:`);
      try {
        await dailyBudgetAcrossTwo(store);
      } finally {
        await store.close();
      }
    });

    it("holds across two gateways within the stated bound", async () => {
      const store = redisRateLimitStore(redisUrl);
      try {
        expectWithinBound(await splitAcrossTwo(store));
      } finally {
        await store.close();
      }
    });

    it("admits a fresh key's second call, and calls during a slow sync, from memory", async () => {
      const store = redisRateLimitStore(redisUrl);
      try {
        await neverWaitsForTheStore(store);
      } finally {
        await store.close();
      }
    });
  },
);

describe("before a key's first grant", () => {
  it("admits a burst of 1 % of the limit (at least one call), then denies until the grant arrives", () => {
    const never: CounterStore = { sync: () => new Promise(() => {}) };
    const limiter = new SharedRateLimiter(never, "gw");
    const admitted = (limit: number) => {
      let n = 0;
      for (let i = 0; i < limit; i++) if (limiter.take(`k${limit}`, limit, Date.now()).ok) n++;
      return n;
    };
    expect([admitted(1), admitted(99), admitted(300), admitted(100_000)]).toEqual([1, 1, 3, 1000]);
  });
});

describe("when the shared counts cannot be read", () => {
  it("denies limited calls once the last answer is older than STALE_MS: fail closed", async () => {
    let now = 1_000_000;
    const down: CounterStore = { sync: () => Promise.reject(new Error("connection refused")) };
    const limiter = new SharedRateLimiter(down, "gw", () => now);
    expect(limiter.take("k", 100, now).ok).toBe(true);
    await limiter.sync();
    expect(limiter.lastError).toBe("connection refused");
    now += STALE_MS + 1;
    expect(limiter.take("k", 100, now)).toMatchObject({ ok: false, reason: expect.stringMatching(/failing closed/) });
  });
});

describe("a daily budget in one process's memory", () => {
  it("admits the budget in a UTC day, refuses until midnight, and starts again the next day", () => {
    const limiter = new RateLimiter();
    let now = Date.UTC(2031, 5, 1, 23, 59, 0);
    for (let i = 0; i < 3; i++) expect(limiter.take("budget:a", 3, now, "day")).toEqual({ ok: true });
    now += 30_000;
    expect(limiter.take("budget:a", 3, now, "day")).toEqual({ ok: false, retryAfterSeconds: 30 });
    // Another agent's budget, and the same key's minute window, are counted apart.
    expect(limiter.take("budget:b", 3, now, "day")).toEqual({ ok: true });
    expect(limiter.take("budget:a", 3, now)).toEqual({ ok: true });
    now = Date.UTC(2031, 5, 2, 0, 0, 0);
    expect(limiter.take("budget:a", 3, now, "day")).toEqual({ ok: true });
  });
});
