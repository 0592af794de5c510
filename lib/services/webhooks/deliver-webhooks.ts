import { db } from "@/lib/db/client";
import { signWebhook } from "@/lib/webhooks/signing";
import { OutboundError, storedReason } from "@/lib/net/outbound-error";
import { postOutbound } from "@/lib/net/outbound-http";
import type { WebhookEvent } from "@/lib/schemas/webhook";
import { webhookBody, type WebhookPayload } from "@/lib/webhooks/payload";

export const MAX_ATTEMPTS = 8;
const TIMEOUT_MS = 5000;

/** 10 s, 20 s, 40 s … capped at an hour. */
export const backoffMs = (attempts: number) => Math.min(3_600_000, 10_000 * 2 ** (attempts - 1));

/**
 * Sends the deliveries that are due. Each is claimed by pushing its next attempt forward before the
 * request, so two Warden instances never send the same one at once; failures are retried with backoff
 * and shown on the Webhooks page. Nothing here runs inside a decision. Every request passes the outbound
 * guard (lib/net/outbound-guard.ts) at send time, whatever was checked when the webhook was saved.
 */
export async function deliverDueWebhooks(now = new Date(), limit = 20) {
  const due = await db().webhookDelivery.findMany({
    where: { status: "PENDING", nextAttemptAt: { lte: now } },
    include: { webhook: true },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
  });
  let delivered = 0;
  for (const d of due) {
    const claimed = await db().webhookDelivery.updateMany({
      where: { id: d.id, nextAttemptAt: d.nextAttemptAt, status: "PENDING" },
      data: { nextAttemptAt: new Date(now.getTime() + 60_000) },
    });
    if (claimed.count === 0) continue;
    const body = JSON.stringify(
      webhookBody(d.webhook.format, d.event as WebhookEvent, d.payload as unknown as WebhookPayload),
    );
    const timestamp = Math.floor(now.getTime() / 1000);
    let status: number | null = null;
    let error: string | null = null;
    try {
      ({ status } = await postOutbound(d.webhook.url, {
        headers: {
          "content-type": "application/json",
          "x-warden-event": d.event,
          "x-warden-delivery": d.id,
          "x-warden-timestamp": String(timestamp),
          "x-warden-signature": signWebhook(d.webhookId, timestamp, body),
        },
        body,
        timeoutMs: TIMEOUT_MS,
      }));
    } catch (e) {
      // The status and a classified reason; never what the receiver answered.
      status = e instanceof OutboundError ? (e.status ?? null) : null;
      error = storedReason(e, "Webhook delivery");
    }
    const attempts = d.attempts + 1;
    await db().webhookDelivery.update({
      where: { id: d.id },
      data: error
        ? {
            attempts,
            lastStatus: status,
            lastError: error,
            status: attempts >= MAX_ATTEMPTS ? "FAILED" : "PENDING",
            nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)),
          }
        : { attempts, lastStatus: status, lastError: null, status: "DELIVERED", deliveredAt: now },
    });
    if (!error) delivered++;
  }
  return { attempted: due.length, delivered };
}
