import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/schemas/parse";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, auditActor, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { ZCreateWebhookInput, type TCreateWebhookInput } from "@/lib/schemas/webhook";
import { webhookSecret } from "@/lib/webhooks/signing";

/** Creates a webhook; its signing secret is returned once (it is derived, never stored). */
export async function createWebhook(actor: Actor, raw: TCreateWebhookInput) {
  assertCan(actor, "webhooks.manage");
  const input = parseWith(ZCreateWebhookInput, raw, "webhook");
  const hook = await db().$transaction(async (tx) => {
    const created = await tx.webhook.create({ data: input });
    await recordAudit(tx, {
      actor: auditActor(actor),
      category: "ADMIN",
      action: "webhook.created",
      target: { type: "Webhook", id: created.id },
      after: input,
    });
    return created;
  });
  return { ...hook, secret: webhookSecret(hook.id) };
}

export async function deleteWebhook(actor: Actor, id: string) {
  assertCan(actor, "webhooks.manage");
  return db().$transaction(async (tx) => {
    const hook = await tx.webhook.findUnique({ where: { id } });
    if (!hook) throw new AppError("NOT_FOUND", "Webhook not found");
    await tx.webhook.delete({ where: { id } });
    await recordAudit(tx, {
      actor: auditActor(actor),
      category: "ADMIN",
      action: "webhook.deleted",
      target: { type: "Webhook", id },
      before: { name: hook.name, url: hook.url, events: hook.events },
    });
    return { ok: true };
  });
}

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
