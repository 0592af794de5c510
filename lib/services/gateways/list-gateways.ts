import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { GATEWAY_CONNECTED_SECONDS } from "@/lib/schemas/gateway";
import { currentBundleEtag } from "@/lib/services/policy/bundle-etag";

export type GatewayRow = Awaited<ReturnType<typeof listGateways>>[number];

/** The gateways that have polled the bundle, newest contact first, with whether each is current and connected. */
export async function listGateways(actor: Actor, now = new Date()) {
  assertCan(actor, "gateways.read");
  const client = db();
  const [current, rows] = await Promise.all([
    currentBundleEtag(client),
    client.gatewayInstance.findMany({
      orderBy: { lastSeenAt: "desc" },
      take: 500,
      include: { token: { select: { name: true, prefix: true } } },
    }),
  ]);
  return rows.map((g) => ({
    gatewayId: g.gatewayId,
    upstreams: g.upstreams,
    authMode: g.authMode,
    oauthIssuer: g.oauthIssuer,
    token: g.token,
    bundleEtag: g.bundleEtag,
    currentEtag: current,
    current: g.bundleEtag === current,
    firstSeenAt: g.firstSeenAt,
    lastSeenAt: g.lastSeenAt,
    connected: now.getTime() - g.lastSeenAt.getTime() <= GATEWAY_CONNECTED_SECONDS * 1000,
  }));
}
