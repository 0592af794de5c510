import { recordAdminAudit } from "@/lib/services/audited-write";
import { AppError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";

export async function deleteWebhook(actor: Actor, id: string) {
  assertCan(actor, "webhooks.manage");
  return db().$transaction(async (tx) => {
    const hook = await tx.webhook.findUnique({ where: { id } });
    if (!hook) throw new AppError("NOT_FOUND", "Webhook not found");
    await tx.webhook.delete({ where: { id } });
    await recordAdminAudit(tx, actor, "webhook.deleted", {
      target: { type: "Webhook", id },
      before: { name: hook.name, url: hook.url, events: hook.events },
    });
    return { ok: true };
  });
}
