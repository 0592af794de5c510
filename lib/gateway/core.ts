import { hostname } from "node:os";
import { RateLimiter, type CallLimiter } from "@/lib/policy/rate-limiter";
import { redisRateLimitStore } from "@/lib/policy/redis-rate-limit-store";
import { SharedRateLimiter } from "@/lib/policy/shared-rate-limiter";
import { BundleHolder } from "./bundle-holder";
import type { GatewayConfig } from "./config";
import type { Logger } from "./logger";
import { createMetrics, type GatewayMetrics } from "./metrics";
import { Shipper } from "./shipper";
import { Spool } from "./spool";
import { Upstream } from "./upstream";
import { WardenClient } from "./warden-client";

export type { Logger };

/** What every session and call shares: the bundle, the spool, the upstreams, Warden's API. */
export type GatewayCore = {
  config: GatewayConfig;
  gatewayId: string;
  warden: WardenClient;
  bundle: BundleHolder;
  spool: Spool;
  shipper: Shipper;
  limiter: CallLimiter;
  upstreams: Map<string, Upstream>;
  metrics: GatewayMetrics;
  log: Logger;
};

export function createCore(config: GatewayConfig, log: Logger, slugs = Object.keys(config.upstreams)): GatewayCore {
  const gatewayId = config.gateway_id ?? `${hostname()}:${process.pid}`;
  const auth = config.oauth ? `oauth ${config.oauth.issuer}` : "static";
  const warden = new WardenClient(config.warden.url, config.warden.token, { gatewayId, upstreams: slugs, auth });
  const spool = new Spool(config.spool_dir, { maxBytes: config.spool_max_bytes, fsync: config.spool_fsync });
  const bundle = new BundleHolder(warden, config.bundle_max_age_seconds * 1000);
  const upstreams = new Map(slugs.map((s) => [s, new Upstream(s, config.upstreams[s], log)]));
  return {
    config,
    gatewayId,
    warden,
    bundle,
    spool,
    shipper: new Shipper(spool, warden, config.ship_interval_ms, log),
    // With WARDEN_REDIS_URL, every gateway (and console) shares each limit; else each gateway counts its own.
    limiter: process.env.WARDEN_REDIS_URL
      ? new SharedRateLimiter(redisRateLimitStore(process.env.WARDEN_REDIS_URL), gatewayId).start()
      : new RateLimiter(),
    upstreams,
    metrics: createMetrics({
      spoolBytes: () => spool.bytes,
      spoolWritable: () => spool.writable,
      heldEvents: () => spool.heldEvents,
      bundleAgeSeconds: () => {
        const age = bundle.ageMs();
        return age === null ? null : age / 1000;
      },
      upstreamsConnected: () => Object.fromEntries([...upstreams].map(([slug, u]) => [slug, u.connected])),
    }),
    log,
  };
}
