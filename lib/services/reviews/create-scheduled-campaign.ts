import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { scheduledStart } from "@/lib/schemas/period";
import { ZReviewScope } from "@/lib/schemas/review";
import { insertCampaign } from "./internal/insert-campaign";
import { startCampaignInTx } from "./internal/start-campaign-in-tx";

export const SCHEDULE_SWEEP_MS = 60 * 60_000;

const schedule = systemActor("review-schedule");

/**
 * Creates and starts this period's campaign over every server once its day has come, if the schedule
 * in Settings is on. Once per period: a campaign the schedule made (even one cancelled because there
 * was nothing to review) ends the period's work; instances racing meet the period-and-scope lock.
 */
export async function createScheduledCampaign(now = new Date()) {
  const settings = await db().reviewSettings.findUnique({ where: { id: 1 } });
  if (!settings?.scheduleEnabled) return null;
  const { period, at } = scheduledStart(settings.cadence, settings.dayOfPeriod, now);
  if (now < at) return null;
  if (await db().reviewCampaign.findFirst({ where: { period, scheduled: true }, select: { id: true } })) return null;
  const dueAt = new Date(Math.max(at.getTime(), now.getTime()) + settings.dueInDays * 86_400_000);
  const scope = ZReviewScope.parse({});
  try {
    return await db().$transaction(
      async (tx) => {
        const campaign = await insertCampaign(
          tx,
          schedule,
          { period, scope, dueAt, defaultAction: settings.defaultAction, name: `Access review ${period}` },
          { scheduled: true },
        );
        try {
          return await startCampaignInTx(tx, schedule, campaign.id, now);
        } catch (error) {
          if (!(error instanceof AppError) || error.code !== "UNPROCESSABLE") throw error;
          // Empty lists demand no review: the period's campaign is closed at once, with the reason shown.
          await tx.reviewCampaign.update({
            where: { id: campaign.id },
            data: { status: "CANCELLED", cancelledAt: now, cancelReason: error.message },
          });
          await recordAudit(tx, {
            actor: { type: "SYSTEM", id: null, label: "review-schedule" },
            category: "ADMIN",
            action: "review.campaign_cancelled",
            target: { type: "ReviewCampaign", id: campaign.id },
            after: { status: "CANCELLED" },
            attributes: { period, reason: error.message },
          });
          return null;
        }
      },
      { timeout: 120_000 },
    );
  } catch (error) {
    // Another instance, or an ADMIN, made this period's campaign first.
    if (error instanceof AppError && error.code === "CONFLICT") return null;
    throw error;
  }
}
