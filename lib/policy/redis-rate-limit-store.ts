import { Redis } from "ioredis";
import type { CounterStore, SyncItem } from "./shared-rate-limiter";

/**
 * One atomic script per sync: mark the instance live; then per key (a hash, second → calls and grants) add
 * the extra calls, give back the refund, sum the window (the seconds from `from`, dropping those more than a
 * minute older), and grant this instance its share of the headroom, reserved in the key's bucket (this second,
 * or the day's first second for a day window). The key expires two minutes after its window ends.
 * It names keys it builds itself, so it needs a single Redis node (or one hash slot), not a cluster.
 */
const SYNC_SCRIPT = `
local prefix = ARGV[1]
local now = tonumber(ARGV[3])
local instances = prefix .. 'instances'
redis.call('ZADD', instances, now, ARGV[2])
redis.call('ZREMRANGEBYSCORE', instances, '-inf', now - 10)
redis.call('EXPIRE', instances, 60)
local live = redis.call('ZCARD', instances)
local out = { live }
for i = 4, #ARGV, 8 do
  local h = prefix .. ARGV[i]
  local limit, extra, refund = tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2]), tonumber(ARGV[i + 3])
  local from, bucket, ends = tonumber(ARGV[i + 5]), ARGV[i + 6], tonumber(ARGV[i + 7])
  if extra > 0 then redis.call('HINCRBY', h, bucket, extra) end
  if refund > 0 then redis.call('HINCRBY', h, ARGV[i + 4], -refund) end
  local all = redis.call('HGETALL', h)
  local count = 0
  for k = 1, #all, 2 do
    local s = tonumber(all[k])
    if s < from - 60 then redis.call('HDEL', h, all[k])
    elseif s >= from then count = count + tonumber(all[k + 1]) end
  end
  local headroom = limit - count
  local grant = 0
  if headroom >= 1 then grant = math.max(1, math.floor(headroom / live)) end
  if grant > 0 then redis.call('HINCRBY', h, bucket, grant) end
  redis.call('EXPIRE', h, math.max(0, ends - now) + 180)
  out[#out + 1] = grant
end
return out`;

/** Shared rate-limit counts in Redis (WARDEN_REDIS_URL): what consoles and gateways use when it is set. */
export function redisRateLimitStore(url: string, prefix = "warden:rl:"): CounterStore & { close(): Promise<void> } {
  // Fail fast: a sync that cannot reach Redis fails, and after STALE_MS the limiter denies (fail closed).
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: 2000,
  });
  redis.on("error", () => {}); // each failed sync reports its own error
  return {
    async sync(instance: string, items: SyncItem[], nowSecond: number) {
      const args = [
        prefix,
        instance,
        nowSecond,
        ...items.flatMap((i) => [i.key, i.limit, i.extra, i.refund, i.refundSecond, i.from, i.bucket, i.end]),
      ];
      const [live, ...grants] = (await redis.eval(SYNC_SCRIPT, 0, ...args.map(String))) as number[];
      return { grants: new Map(items.map((item, i) => [item.key, Number(grants[i])])), instances: Number(live) };
    },
    close: async () => void (await redis.quit().catch(() => redis.disconnect())),
  };
}
