import { hostname } from "node:os";
import { RateLimiter } from "@/lib/policy/rate-limiter";
import { BundleHolder } from "./bundle-holder";
import type { GatewayConfig } from "./config";
import { Shipper } from "./shipper";
import { Spool } from "./spool";
import { Upstream } from "./upstream";
import { WardenClient } from "./warden-client";

export type Logger = (msg: string) => void;

/** What every session and call shares: the bundle, the spool, the upstreams, Warden's API. */
export type GatewayCore = {
  config: GatewayConfig;
  gatewayId: string;
  warden: WardenClient;
  bundle: BundleHolder;
  spool: Spool;
  shipper: Shipper;
  limiter: RateLimiter;
  upstreams: Map<string, Upstream>;
  log: Logger;
};

export function createCore(config: GatewayConfig, log: Logger, slugs = Object.keys(config.upstreams)): GatewayCore {
  const warden = new WardenClient(config.warden.url, config.warden.token);
  const spool = new Spool(config.spool_dir, { maxBytes: config.spool_max_bytes, fsync: config.spool_fsync });
  return {
    config,
    gatewayId: config.gateway_id ?? `${hostname()}:${process.pid}`,
    warden,
    bundle: new BundleHolder(warden, config.bundle_max_age_seconds * 1000),
    spool,
    shipper: new Shipper(spool, warden, config.ship_interval_ms, log),
    limiter: new RateLimiter(),
    upstreams: new Map(slugs.map((s) => [s, new Upstream(s, config.upstreams[s], log)])),
    log,
  };
}
