import { randomUUID } from "node:crypto";
import { Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { pgRateLimitStore } from "@/lib/db/pg-rate-limit-store";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { redisRateLimitStore } from "./redis-rate-limit-store";
import { SharedRateLimiter, STALE_MS, type CounterStore } from "./shared-rate-limiter";

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

// The bound in docs/operations.md: at most limit + 2 × (instances − 1) calls in a window; and the limit is
// used, not just refused (both gateways want far more than it).
const expectWithinBound = (admitted: number) => {
  expect(admitted).toBeLessThanOrEqual(LIMIT + 2);
  expect(admitted).toBeGreaterThanOrEqual(LIMIT * 0.9);
};

describeWithDatabase("a rate limit shared through PostgreSQL", () => {
  it("holds across two gateways within the stated bound", async () => {
    expectWithinBound(await splitAcrossTwo(pgRateLimitStore()));
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

describe.skipIf(!redisUp)(`a rate limit shared through Redis (skipped: no Redis at ${redisUrl})`, () => {
  it("holds across two gateways within the stated bound", async () => {
    const store = redisRateLimitStore(redisUrl);
    try {
      expectWithinBound(await splitAcrossTwo(store));
    } finally {
      await store.close();
    }
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
