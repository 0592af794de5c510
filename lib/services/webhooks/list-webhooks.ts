import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { classifiedReason } from "@/lib/net/outbound-reasons";

export async function listWebhooks(actor: Actor) {
  assertCan(actor, "webhooks.manage");
  const hooks = await db().webhook.findMany({
    orderBy: { createdAt: "desc" },
    include: {
      deliveries: {
        orderBy: { createdAt: "desc" },
        take: 10,
        select: {
          id: true,
          event: true,
          status: true,
          attempts: true,
          lastStatus: true,
          lastError: true,
          nextAttemptAt: true,
          deliveredAt: true,
          createdAt: true,
        },
      },
    },
  });
  // A classified reason (lib/net/outbound-reasons.ts) and the status, never the receiver's own words.
  return hooks.map((h) => ({
    ...h,
    deliveries: h.deliveries.map((d) => ({ ...d, lastError: classifiedReason(d.lastError) })),
  }));
}

export type WebhookView = Awaited<ReturnType<typeof listWebhooks>>[number];
