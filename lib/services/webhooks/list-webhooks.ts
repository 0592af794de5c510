import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";

export async function listWebhooks(actor: Actor) {
  assertCan(actor, "webhooks.manage");
  return db().webhook.findMany({
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
}

export type WebhookView = Awaited<ReturnType<typeof listWebhooks>>[number];
