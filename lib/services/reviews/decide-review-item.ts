import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/schemas/parse";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { ZReviewDecisionInput, type TReviewDecisionInput } from "@/lib/schemas/review";
import { assertJustified } from "./internal/justification-rule";
import { withLiveTies } from "./internal/live-ties";
import { recordDecision } from "./internal/record-decision";
import { assertReviewer, reviewerOf } from "./review-access";
import { itemView } from "./review-views";

/**
 * A reviewer certifies, revokes or narrows one item. REVOKE and MODIFY change the live entitlement in
 * the same transaction, so the decision engine denies a revoked grant on its very next call.
 */
export async function decideReviewItem(actor: Actor, itemId: string, raw: TReviewDecisionInput, now = new Date()) {
  assertCan(actor, "reviews.decide");
  const input = parseWith(ZReviewDecisionInput, raw, "decision");
  return db().$transaction(async (tx) => {
    const found = await tx.reviewItem.findUnique({ where: { id: itemId }, include: { campaign: true } });
    if (!found) throw new AppError("NOT_FOUND", "Review item not found");
    const [item] = await withLiveTies(tx, [found]);
    if (item.campaign.status !== "ACTIVE")
      throw new AppError("CONFLICT", `The campaign is ${item.campaign.status}: its decisions are closed`);
    if (item.status !== "OPEN") throw new AppError("CONFLICT", "This item has already been decided");
    assertReviewer(actor, item, actor.type === "USER" ? await reviewerOf(tx, actor) : null);
    await assertJustified(tx, input.decision, input.justification);
    const { campaign: _c, ...row } = item;
    return itemView(await recordDecision(tx, actor, row, item.campaign.period, input, now));
  });
}
