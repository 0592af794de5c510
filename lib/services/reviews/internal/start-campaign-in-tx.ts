import { recordAdminAudit } from "@/lib/services/audited-write";
import { AppError } from "@/lib/errors";
import { auditActor, type Actor } from "@/lib/authz/actor";
import type { Tx } from "@/lib/db/tx";
import type { Prisma } from "@/lib/generated/prisma/client";
import { revokeDefaultWarning } from "@/lib/reviews/narrowing";
import { ZReviewScope } from "@/lib/schemas/review";
import { campaignView } from "../review-views";
import { lockCampaign } from "./campaign-lock";
import { freezePopulation } from "./freeze-population";
import { openReviewers } from "./open-reviewers";

/** Inside a transaction: freezes the population, assigns reviewers and tells them. */
export async function startCampaignInTx(tx: Tx, actor: Actor, campaignId: string, now: Date) {
  await lockCampaign(tx, campaignId);
  const campaign = await tx.reviewCampaign.findUnique({ where: { id: campaignId } });
  if (!campaign) throw new AppError("NOT_FOUND", "Campaign not found");
  if (campaign.status !== "DRAFT")
    throw new AppError("CONFLICT", `The campaign is ${campaign.status}: only a DRAFT campaign starts`);
  if (campaign.dueAt <= now) throw new AppError("UNPROCESSABLE", "The due date has passed: create a new campaign");
  const scope = ZReviewScope.parse(campaign.scope);
  // The separation-of-duties settings in force now hold for the whole campaign: changing them later
  // (say, to sign off one's own review) does not reach a running campaign.
  const settings = await tx.reviewSettings.findUnique({
    where: { id: 1 },
    select: { allowOwnerSelfReview: true, allowDeciderSignOff: true },
  });
  const sod = {
    allowOwnerSelfReview: settings?.allowOwnerSelfReview ?? false,
    allowDeciderSignOff: settings?.allowDeciderSignOff ?? false,
  };
  const population = await freezePopulation(tx, scope, now, { allowSelfReview: sod.allowOwnerSelfReview });
  if (population.items.length === 0)
    throw new AppError(
      "UNPROCESSABLE",
      "Nothing to review: no server in this scope (and so no grant, credential or ownership). The campaign stays a draft.",
    );
  await tx.reviewItem.createMany({ data: population.items.map((i) => ({ ...i, campaignId })) });
  const started = await tx.reviewCampaign.update({
    where: { id: campaignId },
    data: {
      status: "ACTIVE",
      startedAt: now,
      startedByLabel: auditActor(actor).label,
      populationHash: population.hash,
      populationQuery: population.query as Prisma.InputJsonValue,
      populationCount: population.items.length,
      ...sod,
    },
  });
  await recordAdminAudit(tx, actor, "review.campaign_started", {
    target: { type: "ReviewCampaign", id: campaignId },
    before: { status: "DRAFT" },
    after: { status: "ACTIVE" },
    attributes: {
      period: campaign.period,
      populationHash: population.hash,
      items: population.items.length,
      ...sod,
      unassigned: population.items.filter((i) => i.assignment === "unassigned").length,
    },
  });
  const reviewers = await openReviewers(tx, campaignId);
  if (reviewers.length)
    await tx.notification.createMany({
      data: reviewers.map((r) => ({
        userId: r.userId,
        title: `Access review ${campaign.period}`,
        body: `Due ${campaign.dueAt.toISOString().slice(0, 10)}`,
        link: `/reviews?campaign=${campaignId}`,
        reviewCampaignId: campaignId,
      })),
    });
  const grants = population.items.filter((i) => i.kind === "GRANT").length;
  const warning = revokeDefaultWarning(campaign.defaultAction, grants, grants);
  return { ...campaignView(started), warnings: warning ? [warning] : [] };
}
