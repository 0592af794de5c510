import type { Actor } from "@/lib/authz/actor";
import { deleteAudited } from "@/lib/services/audited-write";

export async function deleteWebhook(actor: Actor, id: string) {
  return deleteAudited(actor, "webhooks.manage", id, {
    table: (tx) => tx.webhook,
    missing: "Webhook not found",
    record: (hook) => ({
      action: "webhook.deleted",
      target: { type: "Webhook", id },
      before: { name: hook.name, url: hook.url, events: hook.events },
    }),
  });
}
