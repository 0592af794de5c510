import type { GatewayCore } from "./core";

/** Healthy once the gateway holds a fresh bundle and every upstream is connected. */
export function healthOf(core: GatewayCore) {
  const view = core.bundle.view();
  const upstreams = Object.fromEntries([...core.upstreams].map(([slug, u]) => [slug, u.connected]));
  return {
    ok: view.ok && Object.values(upstreams).every(Boolean),
    bundle: view.bundle ? { etag: view.bundle.etag, ageMs: core.bundle.ageMs() } : null,
    ...(view.ok ? {} : { reason: view.reason }),
    upstreams,
    spoolBytes: core.spool.bytes,
    lastShipError: core.shipper.lastError,
  };
}
