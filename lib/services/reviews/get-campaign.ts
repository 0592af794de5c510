import { AppError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { campaignProgress } from "@/lib/reviews/progress";
import { progressRows } from "./internal/progress-rows";
import { campaignView } from "./review-views";

/** A campaign with its progress, its dashboard figures and the population hash and query. */
export async function getCampaign(actor: Actor, campaignId: string, now = new Date()) {
  assertCan(actor, "reviews.read");
  const campaign = await db().reviewCampaign.findUnique({ where: { id: campaignId } });
  if (!campaign) throw new AppError("NOT_FOUND", "Campaign not found");
  const rows = await progressRows(db(), [campaign.id]);
  return { ...campaignView(campaign), progress: campaignProgress(rows, campaign, now) };
}
export type CampaignDetail = Awaited<ReturnType<typeof getCampaign>>;
