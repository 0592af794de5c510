import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { reminderStage } from "@/lib/reviews/reminder-stage";
import { enqueueWebhookPayload } from "@/lib/services/webhooks/shared/enqueue-webhook-payload";
import { openReviewers } from "./internal/open-reviewers";

export const REMINDER_SWEEP_MS = 15 * 60_000;

/**
 * Reminders with teeth but without noise: 14, 7 and 1 days before the due date and daily once overdue,
 * one in-app notification (and one webhook delivery) per reviewer per day, never one per item. The
 * reminder row is the claim: its unique keys make several instances send each reminder once.
 */
export async function sendReviewReminders(now = new Date()) {
  const campaigns = await db().reviewCampaign.findMany({
    where: { status: "ACTIVE", dueAt: { lte: new Date(now.getTime() + 14 * 86_400_000) } },
    orderBy: { dueAt: "asc" },
  });
  const day = now.toISOString().slice(0, 10);
  let sent = 0;
  for (const c of campaigns) {
    const stage = reminderStage(c.dueAt, now);
    if (!stage) continue;
    for (const r of await openReviewers(db(), c.id)) {
      await db().$transaction(async (tx) => {
        const claimed = await tx.$queryRaw<{ id: string }[]>`
          INSERT INTO "ReviewReminder" (id, "campaignId", "userId", stage, day, "openItems")
          VALUES (${randomUUID()}::uuid, ${c.id}::uuid, ${r.userId}::uuid, ${stage}, ${day}, ${r.open})
          ON CONFLICT DO NOTHING RETURNING id`;
        if (claimed.length === 0) return;
        const link = `/reviews?campaign=${c.id}`;
        const when = stage.startsWith("overdue") ? "overdue" : `due in ${stage} day${stage === "1" ? "" : "s"}`;
        await tx.notification.create({
          data: {
            userId: r.userId,
            title: `Access review ${c.period} ${when}`,
            body: `Due ${c.dueAt.toISOString().slice(0, 10)}; undecided items are ${c.defaultAction === "KEEP" ? "kept as exceptions" : "revoked"} then`,
            link,
            reviewCampaignId: c.id,
          },
        });
        await enqueueWebhookPayload(tx, "review.reminder", {
          campaignId: c.id,
          period: c.period,
          reviewer: r.email,
          openItems: r.open,
          dueAt: c.dueAt.toISOString(),
          stage,
          link: `${env().NEXTAUTH_URL ?? ""}${link}`,
        });
        sent++;
      });
    }
  }
  return sent;
}
