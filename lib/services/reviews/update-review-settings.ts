import { recordAdminAudit } from "@/lib/services/audited-write";
import { parseWith } from "@/lib/schemas/parse";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { ZReviewSettingsInput, type TReviewSettingsInput } from "@/lib/schemas/review";
import { reviewSettingsSelect as select } from "./get-review-settings";

const SOD_TOGGLES = ["allowOwnerSelfReview", "allowDeciderSignOff"] as const;

/**
 * The review schedule (cadence and day) and rules, audited with before and after in the same
 * transaction; a change to a separation-of-duties toggle is named in the record. Campaigns read the
 * toggles when they start, so a change never reaches a running campaign.
 */
export async function updateReviewSettings(actor: Actor, raw: TReviewSettingsInput) {
  assertCan(actor, "reviews.manage");
  const input = parseWith(ZReviewSettingsInput, raw, "review settings");
  return db().$transaction(async (tx) => {
    const before = await tx.reviewSettings.findUnique({ where: { id: 1 }, select });
    const after = await tx.reviewSettings.upsert({
      where: { id: 1 },
      create: { id: 1, ...input },
      update: input,
      select,
    });
    await recordAdminAudit(tx, actor, "review.settings_updated", {
      target: { type: "ReviewSettings", id: "1" },
      before,
      after,
      attributes: {
        separationOfDuties: SOD_TOGGLES.filter((k) => (before?.[k] ?? false) !== after[k]).map(
          (k) => `${k} turned ${after[k] ? "on" : "off"}`,
        ),
      },
    });
    return after;
  });
}
