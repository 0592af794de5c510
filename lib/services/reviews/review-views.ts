import type { ReviewCampaign, ReviewItem } from "@/lib/generated/prisma/client";
import type { Recommendation } from "@/lib/reviews/recommendations";

/** JSON-safe campaign: audit sequence numbers (bigint) as strings. */
export const campaignView = (c: ReviewCampaign) => ({
  ...c,
  signOffSequence: c.signOffSequence?.toString() ?? null,
});
export type CampaignView = ReturnType<typeof campaignView>;

export const itemView = (i: ReviewItem) => ({
  ...i,
  recommendations: i.recommendations as Recommendation[],
  snapshot: i.snapshot as Record<string, unknown>,
  decisionSequence: i.decisionSequence?.toString() ?? null,
  remediationSequence: i.remediationSequence?.toString() ?? null,
});
export type ItemView = ReturnType<typeof itemView>;
