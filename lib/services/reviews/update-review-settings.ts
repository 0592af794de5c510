import { parseWith } from "@/lib/schemas/parse";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, auditActor, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { ZReviewSettingsInput, type TReviewSettingsInput } from "@/lib/schemas/review";
import { reviewSettingsSelect as select } from "./get-review-settings";

/** The review schedule (cadence and day) and rules, audited with before and after. */
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
    await recordAudit(tx, {
      actor: auditActor(actor),
      category: "ADMIN",
      action: "review.settings_updated",
      target: { type: "ReviewSettings", id: "1" },
      before,
      after,
    });
    return after;
  });
}
