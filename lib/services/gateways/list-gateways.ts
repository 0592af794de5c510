import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { currentBundleEtag } from "@/lib/services/policy/bundle-etag";

/** A gateway counts as connected while its last bundle poll is this recent (a long poll lasts up to 60 s). */
export const CONNECTED_WITHIN_MS = 90_000;

export type GatewayRow = {
  id: string;
  gatewayId: string;
  upstreams: string[];
  bundleEtag: string | null;
  /** Whether the bundle it holds is the one Warden would serve now. */
  current: boolean;
  tokenName: string;
  lastAddress: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  connected: boolean;
};

/** Every Warden gateway that has polled the policy bundle, most recently seen first. */
export async function listGateways(actor: Actor, now = new Date()): Promise<GatewayRow[]> {
  assertCan(actor, "settings.read");
  const client = db();
  const [etag, rows] = await Promise.all([
    currentBundleEtag(client),
    client.gatewayInstance.findMany({
      orderBy: [{ lastSeenAt: "desc" }, { gatewayId: "asc" }],
      take: 500,
      include: { token: { select: { name: true } } },
    }),
  ]);
  return rows.map((r) => ({
    id: r.id,
    gatewayId: r.gatewayId,
    upstreams: r.upstreams,
    bundleEtag: r.bundleEtag,
    current: r.bundleEtag === etag,
    tokenName: r.token.name,
    lastAddress: r.lastAddress,
    firstSeenAt: r.firstSeenAt,
    lastSeenAt: r.lastSeenAt,
    connected: now.getTime() - r.lastSeenAt.getTime() <= CONNECTED_WITHIN_MS,
  }));
}
