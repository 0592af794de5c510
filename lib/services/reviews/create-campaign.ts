import { parseWith } from "@/lib/schemas/parse";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { ZCreateCampaignInput, type TCreateCampaignInput } from "@/lib/schemas/review";
import { insertCampaign } from "./internal/insert-campaign";
import { campaignView } from "./review-views";

/** An ADMIN drafts a campaign: period, scope, due date and the default for items left undecided. */
export async function createCampaign(actor: Actor, raw: TCreateCampaignInput) {
  assertCan(actor, "reviews.manage");
  const input = parseWith(ZCreateCampaignInput, raw, "campaign");
  return campaignView(await db().$transaction((tx) => insertCampaign(tx, actor, input)));
}
