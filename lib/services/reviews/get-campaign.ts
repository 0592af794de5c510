import { AppError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import { campaignProgress } from "@/lib/reviews/progress";
import { progressRows } from "./internal/progress-rows";
import { signerCheck } from "./internal/signer-part";
import { campaignView } from "./review-views";

/**
 * A campaign with its progress, its dashboard figures and the population hash and query, and for a
 * person who may sign off, why they may not (they decided or reassigned items), if so.
 */
export async function getCampaign(actor: Actor, campaignId: string, now = new Date()) {
  assertCan(actor, "reviews.read");
  const campaign = await db().reviewCampaign.findUnique({ where: { id: campaignId } });
  if (!campaign) throw new AppError("NOT_FOUND", "Campaign not found");
  const rows = await progressRows(db(), [campaign.id]);
  const check =
    actor.type === "USER" && campaign.status === "ACTIVE" && can(actor, "reviews.signoff")
      ? await signerCheck(db(), campaign, actor.id)
      : null;
  return {
    ...campaignView(campaign),
    progress: campaignProgress(rows, campaign, now),
    signOffBarrier: check?.barrier ?? null,
  };
}
export type CampaignDetail = Awaited<ReturnType<typeof getCampaign>>;
