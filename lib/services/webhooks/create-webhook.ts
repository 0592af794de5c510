import { recordAdminAudit } from "@/lib/services/audited-write";
import { parseWith } from "@/lib/schemas/parse";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { assertOutboundTarget } from "@/lib/net/assert-outbound-target";
import { ZCreateWebhookInput, type TCreateWebhookInput } from "@/lib/schemas/webhook";
import { webhookSecret } from "@/lib/webhooks/signing";

/** Creates a webhook; its signing secret is returned once (it is derived, never stored). */
export async function createWebhook(actor: Actor, raw: TCreateWebhookInput) {
  assertCan(actor, "webhooks.manage");
  const input = parseWith(ZCreateWebhookInput, raw, "webhook");
  await assertOutboundTarget(input.url);
  const hook = await db().$transaction(async (tx) => {
    const created = await tx.webhook.create({ data: input });
    await recordAdminAudit(tx, actor, "webhook.created", { target: { type: "Webhook", id: created.id }, after: input });
    return created;
  });
  return { ...hook, secret: webhookSecret(hook.id) };
}
