import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import { ZGatewayId, ZGatewayUpstreams, ZHeldEtag } from "@/lib/schemas/gateway";

/** What a bundle poll says about the gateway behind it: raw header values, untrusted. */
export type GatewayContact = {
  gatewayId: string | null;
  upstreams: string | null;
  /** If-None-Match: the bundle the gateway holds. */
  heldEtag: string | null;
  /** The ETag Warden answered with, once it has answered. */
  servedEtag?: string;
  address?: string | null;
};

// A long-polling gateway asks again and again: write at most this often, unless what it holds changed.
const THROTTLE_MS = 10_000;
const MAX_TRACKED = 10_000;
const lastWrite = new Map<string, { at: number; heldEtag: string | null; servedEtag: string | null }>();

function due(gatewayId: string, heldEtag: string | null, servedEtag: string | undefined, now: number): boolean {
  const last = lastWrite.get(gatewayId);
  if (!last || now - last.at >= THROTTLE_MS || last.heldEtag !== heldEtag) return true;
  return servedEtag !== undefined && servedEtag !== last.servedEtag;
}

function remember(gatewayId: string, heldEtag: string | null, servedEtag: string | undefined, now: number) {
  if (lastWrite.size >= MAX_TRACKED) {
    for (const [id, w] of lastWrite) if (now - w.at >= THROTTLE_MS) lastWrite.delete(id);
    if (lastWrite.size >= MAX_TRACKED) lastWrite.clear();
  }
  const served = servedEtag ?? lastWrite.get(gatewayId)?.servedEtag ?? null;
  lastWrite.set(gatewayId, { at: now, heldEtag, servedEtag: served });
}

/**
 * A gateway's heartbeat, from its bundle polls: upserts its GatewayInstance row. Telemetry, not a
 * privileged change, so no audit record. Never throws: a missing or malformed header is ignored, and a
 * failed write is logged, because the bundle fetch it rides on must not fail for it.
 */
export async function recordGatewayContact(actor: Actor, contact: GatewayContact, now = new Date()): Promise<void> {
  if (actor.type !== "TOKEN" || !can(actor, "policy.bundle")) return;
  const id = ZGatewayId.safeParse(contact.gatewayId);
  if (!id.success) return;
  const gatewayId = id.data;
  const held = ZHeldEtag.safeParse(contact.heldEtag);
  const heldEtag = held.success ? held.data : null;
  if (!due(gatewayId, heldEtag, contact.servedEtag, now.getTime())) return;
  remember(gatewayId, heldEtag, contact.servedEtag, now.getTime());
  const upstreams = ZGatewayUpstreams.safeParse(contact.upstreams ?? "");
  const address = contact.address?.slice(0, 64) || null;
  const fields = {
    tokenId: actor.id,
    bundleEtag: heldEtag,
    lastSeenAt: now,
    ...(upstreams.success && { upstreams: upstreams.data }),
    ...(contact.servedEtag !== undefined && { servedEtag: contact.servedEtag }),
    ...(address && { lastAddress: address }),
  };
  try {
    await db().gatewayInstance.upsert({
      where: { gatewayId },
      create: { gatewayId, firstSeenAt: now, upstreams: [], ...fields },
      update: fields,
    });
  } catch (error) {
    lastWrite.delete(gatewayId);
    console.error("Recording gateway contact failed", error);
  }
}
