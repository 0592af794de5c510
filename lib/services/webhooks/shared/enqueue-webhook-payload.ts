import type { Tx } from "@/lib/db/tx";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { WebhookEvent } from "@/lib/schemas/webhook";
import type { WebhookPayload } from "@/lib/webhooks/payload";

/** Queues one payload for every enabled webhook subscribed to the event, in the caller's transaction. */
export async function enqueueWebhookPayload(tx: Tx, event: WebhookEvent, payload: WebhookPayload) {
  // Raw SQL: the driver adapters mis-encode array filters (`has`).
  const hooks = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Webhook" WHERE enabled AND ${event} = ANY(events)`;
  if (hooks.length === 0) return;
  await tx.webhookDelivery.createMany({
    data: hooks.map((h) => ({ webhookId: h.id, event, payload: payload as unknown as Prisma.InputJsonValue })),
  });
}
