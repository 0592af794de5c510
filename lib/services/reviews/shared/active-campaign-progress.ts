import { db } from "@/lib/db/client";
import { campaignProgress } from "@/lib/reviews/progress";
import { progressRows } from "../internal/progress-rows";

/**
 * The dashboard tile: the active campaign due soonest, with its progress; null when none is running.
 * Callers check their own permission (the dashboard's).
 */
export async function activeCampaignProgress(now = new Date()) {
  const campaign = await db().reviewCampaign.findFirst({ where: { status: "ACTIVE" }, orderBy: { dueAt: "asc" } });
  if (!campaign) return null;
  const p = campaignProgress(await progressRows(db(), [campaign.id]), campaign, now);
  return {
    id: campaign.id,
    period: campaign.period,
    done: p.done,
    total: p.total,
    percent: p.percent,
    daysLeft: p.daysLeft,
  };
}
