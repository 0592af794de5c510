import type { TokenActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ZGatewayContact, type TGatewayContact } from "@/lib/schemas/gateway";

const THROTTLE_MS = 10_000;
// Per database: gatewayId -> when it was last written, and what it said then.
const written = new WeakMap<PrismaClient, Map<string, { at: number; said: string }>>();

/**
 * A gateway polled the bundle: remember it for the console's list (id, upstreams, the bundle it holds,
 * last seen). A heartbeat, not a privileged change, so no audit record; written at most every 10 s a
 * gateway unless what it says (token, upstreams, bundle) changed. It never fails the poll: a bad header is ignored, and a
 * failed write is logged.
 */
export async function recordGatewayContact(actor: TokenActor, raw: TGatewayContact, now = new Date()): Promise<void> {
  const parsed = ZGatewayContact.safeParse(raw);
  if (!parsed.success) return;
  const { gatewayId, upstreams, heldEtag, auth } = parsed.data;
  const client = db();
  const lastWrite = written.get(client) ?? new Map<string, { at: number; said: string }>();
  written.set(client, lastWrite);
  const said = JSON.stringify([actor.id, upstreams, heldEtag, auth]);
  const last = lastWrite.get(gatewayId);
  if (last && now.getTime() - last.at < THROTTLE_MS && last.said === said) return;
  lastWrite.set(gatewayId, { at: now.getTime(), said });
  if (lastWrite.size > 10_000) lastWrite.delete(lastWrite.keys().next().value!);
  const seen = { tokenId: actor.id, upstreams, bundleEtag: heldEtag, lastSeenAt: now, ...auth };
  try {
    await client.gatewayInstance.upsert({
      where: { gatewayId },
      create: { gatewayId, firstSeenAt: now, ...seen },
      update: seen,
    });
  } catch (error) {
    lastWrite.delete(gatewayId);
    console.error("Could not record a gateway's contact", error);
  }
}
