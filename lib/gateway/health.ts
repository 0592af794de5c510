import type { GatewayCore } from "./core";

/**
 * Healthy once the gateway holds a fresh bundle, every upstream is connected and the audit spool can be
 * written (without it every call is refused). Events Warden refused are reported: held, not lost.
 */
export function healthOf(core: GatewayCore) {
  const view = core.bundle.view();
  const upstreams = Object.fromEntries([...core.upstreams].map(([slug, u]) => [slug, u.connected]));
  return {
    ok: view.ok && Object.values(upstreams).every(Boolean) && core.spool.writable,
    bundle: view.bundle ? { etag: view.bundle.etag, ageMs: core.bundle.ageMs() } : null,
    ...(view.ok ? {} : { reason: view.reason }),
    upstreams,
    spool: {
      writable: core.spool.writable,
      ...(core.spool.failure ? { failure: core.spool.failure } : {}),
      heldEvents: core.spool.heldEvents,
      lostEvents: core.spool.lost,
    },
    spoolBytes: core.spool.bytes,
    lastShipError: core.shipper.lastError,
  };
}
