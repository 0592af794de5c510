import { assertCan, type Actor } from "@/lib/authz/actor";
import { deleteAudited } from "@/lib/services/audited-write";

export async function deleteWebhook(actor: Actor, id: string) {
  assertCan(actor, "webhooks.manage");
  return deleteAudited(
    actor,
    (tx) => tx.webhook,
    id,
    "Webhook not found",
    (hook) => ({
      action: "webhook.deleted",
      target: { type: "Webhook", id },
      before: { name: hook.name, url: hook.url, events: hook.events },
    }),
  );
}
