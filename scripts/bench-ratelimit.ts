import { setTimeout as sleep } from "node:timers/promises";
import { closeConnection } from "@/lib/db/client";
import { pgRateLimitStore } from "@/lib/db/pg-rate-limit-store";
import { RateLimiter, type CallLimiter, type LimitWindow } from "@/lib/policy/rate-limiter";
import { redisRateLimitStore } from "@/lib/policy/redis-rate-limit-store";
import { SharedRateLimiter, type CounterStore } from "@/lib/policy/shared-rate-limiter";
import { ensureDatabase } from "@/lib/startup/ensure-database";
import { args } from "./lib/args";
import { benchDatabase } from "./lib/bench-backend";
import { percentile } from "./lib/percentile";

// npm run bench:ratelimit [-- --seconds 3 --keys 100]
// What a rate limit costs a decision: take() on 100 keys (agent × server), the limit never reached, while the
// shared limiters sync every 250 ms in the background (PostgreSQL, and Redis at WARDEN_REDIS_URL or
// 127.0.0.1:6379). The floor, measured in the same run, is no limit at all (a take() that only answers yes);
// the in-memory sliding window is the single-instance case. Also the round trip of each store's sync, and the
// same for a daily budget (a day window: one counter a day per key).
const opts = args({ seconds: { type: "string" }, keys: { type: "string" } });
const SECONDS = Number(opts.seconds ?? 3);
const KEYS = Array.from({ length: Number(opts.keys ?? 100) }, (_, i) => `bench-agent-${i}:bench-server`);
const BATCH = 1000;

/** ns per call, per batch of BATCH calls, over SECONDS; yields to the event loop between batches. */
async function perCall(limiter: CallLimiter, window: LimitWindow = "minute"): Promise<number[]> {
  const samples: number[] = [];
  const until = Date.now() + SECONDS * 1000;
  let refused = 0;
  while (Date.now() < until) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < BATCH; i++) if (!limiter.take(KEYS[i % KEYS.length], 1e9, Date.now(), window).ok) refused++;
    samples.push(Number(process.hrtime.bigint() - t) / BATCH);
    await sleep(0);
  }
  if (refused) throw new Error(`${refused} calls refused under a limit never reached`);
  return samples.sort((a, b) => a - b);
}

/** The store, timing every sync. */
function timed(store: CounterStore, rtts: number[]): CounterStore {
  return {
    async sync(...a) {
      const t = performance.now();
      const answer = await store.sync(...a);
      rtts.push(performance.now() - t);
      return answer;
    },
  };
}

const fmt = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(0)} ns   p99 ${percentile(xs, 99).toFixed(0)} ns`;
function ms(rtts: number[]) {
  const xs = [...rtts].sort((a, b) => a - b);
  if (!xs.length) return "";
  return `sync p50 ${percentile(xs, 50).toFixed(1)} ms, max ${xs[xs.length - 1].toFixed(1)} ms (${xs.length} syncs)`;
}

const fresh = await benchDatabase("limiter_bench_ratelimit", "postgres");
process.env.WARDEN_SEED_DEMO = "never";
await ensureDatabase();
const redis = redisRateLimitStore(process.env.WARDEN_REDIS_URL ?? "redis://127.0.0.1:6379");
try {
  const floor = await perCall({ take: () => ({ ok: true }) });
  console.log(`${"no limit (floor)".padEnd(30)} ${fmt(floor)}`);
  const rows: [string, CallLimiter, number[], LimitWindow][] = [];
  for (const window of ["minute", "day"] as const) {
    const per = window === "day" ? "day: " : "";
    rows.push([`${per}in memory, one instance`, new RateLimiter(), [], window]);
    for (const [label, store] of [
      ["shared through PostgreSQL", pgRateLimitStore()],
      ["shared through Redis", redis],
    ] as const) {
      const rtts: number[] = [];
      rows.push([`${per}${label}`, new SharedRateLimiter(timed(store, rtts), `bench-${per}${label}`), rtts, window]);
    }
  }
  for (const [label, limiter, rtts, window] of rows) {
    if (limiter instanceof SharedRateLimiter) {
      await limiter.sync();
      limiter.start();
    }
    const xs = await perCall(limiter, window);
    if (limiter instanceof SharedRateLimiter) limiter.stop();
    const ratio = percentile(xs, 50) / percentile(floor, 50);
    console.log(`${label.padEnd(30)} ${fmt(xs)}   ${ratio.toFixed(1)}× the floor   ${ms(rtts)}`);
  }
} finally {
  await redis.close();
  await closeConnection();
  await fresh.drop();
}
