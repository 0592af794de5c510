import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { startCampaignInTx } from "./internal/start-campaign-in-tx";

/** DRAFT -> ACTIVE. An empty population starts nothing, and the admin is told why. */
export async function startCampaign(actor: Actor, campaignId: string, now = new Date()) {
  assertCan(actor, "reviews.manage");
  return db().$transaction((tx) => startCampaignInTx(tx, actor, campaignId, now), { timeout: 60_000 });
}
