import { Redis } from "ioredis";
import type { CounterStore, SyncItem } from "./shared-rate-limiter";

/**
 * One atomic script per sync: mark the instance live; then per key (a hash, second → calls and grants) add
 * the extra calls, give back the refund, sum the window (dropping seconds two windows old), and grant this
 * instance its share of the headroom, reserved in this second.
 * It names keys it builds itself, so it needs a single Redis node (or one hash slot), not a cluster.
 */
const SYNC_SCRIPT = `
local now = tonumber(ARGV[2])
redis.call('ZADD', 'warden:rl:instances', now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', 'warden:rl:instances', '-inf', now - 10)
local live = redis.call('ZCARD', 'warden:rl:instances')
local out = { live }
for i = 3, #ARGV, 5 do
  local h = 'warden:rl:' .. ARGV[i]
  local limit, extra, refund = tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2]), tonumber(ARGV[i + 3])
  if extra > 0 then redis.call('HINCRBY', h, now, extra) end
  if refund > 0 then redis.call('HINCRBY', h, ARGV[i + 4], -refund) end
  local all = redis.call('HGETALL', h)
  local count = 0
  for k = 1, #all, 2 do
    local s = tonumber(all[k])
    if s < now - 120 then redis.call('HDEL', h, all[k])
    elseif s >= now - 60 then count = count + tonumber(all[k + 1]) end
  end
  local headroom = limit - count
  local grant = 0
  if headroom >= 1 then grant = math.max(1, math.floor(headroom / live)) end
  if grant > 0 then redis.call('HINCRBY', h, now, grant) end
  redis.call('EXPIRE', h, 180)
  out[#out + 1] = grant
end
return out`;

/** Shared rate-limit counts in Redis (WARDEN_REDIS_URL): what consoles and gateways use when it is set. */
export function redisRateLimitStore(url: string): CounterStore & { close(): Promise<void> } {
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
      const args = [instance, nowSecond, ...items.flatMap((i) => [i.key, i.limit, i.extra, i.refund, i.refundSecond])];
      const [live, ...grants] = (await redis.eval(SYNC_SCRIPT, 0, ...args.map(String))) as number[];
      return { grants: new Map(items.map((item, i) => [item.key, Number(grants[i])])), instances: Number(live) };
    },
    close: async () => void (await redis.quit().catch(() => redis.disconnect())),
  };
}
