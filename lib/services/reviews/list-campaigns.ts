import { parseWith } from "@/lib/schemas/parse";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { campaignProgress } from "@/lib/reviews/progress";
import { ZCampaignListQuery, type TCampaignListQuery } from "@/lib/schemas/review";
import { progressRows } from "./internal/progress-rows";
import { campaignView } from "./review-views";

/** Every campaign, newest first, with its progress: campaigns are never deleted. */
export async function listCampaigns(actor: Actor, raw: TCampaignListQuery = {}, now = new Date()) {
  assertCan(actor, "reviews.read");
  const q = parseWith(ZCampaignListQuery, raw, "campaign query");
  const campaigns = await db().reviewCampaign.findMany({
    where: { status: q.status },
    orderBy: { createdAt: "desc" },
    take: 100,
  });
  const rows = await progressRows(
    db(),
    campaigns.map((c) => c.id),
  );
  return campaigns.map((c) => {
    const { total, open, percent, decisions, exceptions, daysLeft } = campaignProgress(
      rows.filter((r) => r.campaignId === c.id),
      c,
      now,
    );
    return { ...campaignView(c), progress: { total, open, percent, decisions, exceptions, daysLeft } };
  });
}
export type CampaignSummary = Awaited<ReturnType<typeof listCampaigns>>[number];
