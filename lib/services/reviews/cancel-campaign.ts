import { recordAdminAudit } from "@/lib/services/audited-write";
import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/schemas/parse";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { ZCancelCampaignInput, type TCancelCampaignInput } from "@/lib/schemas/review";
import { lockCampaign } from "./internal/campaign-lock";
import { campaignView } from "./review-views";

/** Stops a draft or active campaign. Its items and decisions so far stay, as evidence. */
export async function cancelCampaign(actor: Actor, campaignId: string, raw: TCancelCampaignInput, now = new Date()) {
  assertCan(actor, "reviews.manage");
  const { reason } = parseWith(ZCancelCampaignInput, raw, "cancellation");
  return db().$transaction(async (tx) => {
    await lockCampaign(tx, campaignId);
    const campaign = await tx.reviewCampaign.findUnique({ where: { id: campaignId } });
    if (!campaign) throw new AppError("NOT_FOUND", "Campaign not found");
    if (campaign.status !== "DRAFT" && campaign.status !== "ACTIVE")
      throw new AppError("CONFLICT", `The campaign is already ${campaign.status}`);
    await recordAdminAudit(tx, actor, "review.campaign_cancelled", {
      target: { type: "ReviewCampaign", id: campaignId },
      before: { status: campaign.status },
      after: { status: "CANCELLED" },
      attributes: { period: campaign.period, reason },
    });
    return campaignView(
      await tx.reviewCampaign.update({
        where: { id: campaignId },
        data: { status: "CANCELLED", cancelledAt: now, cancelReason: reason },
      }),
    );
  });
}
