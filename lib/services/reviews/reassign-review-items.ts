import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/schemas/parse";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, auditActor, type Actor } from "@/lib/authz/actor";
import { can, PERMISSIONS } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import { conflictKindsOf, describeConflict } from "@/lib/reviews/conflicts";
import { ZReassignInput, type TReassignInput } from "@/lib/schemas/review";
import { withLiveTies } from "./internal/live-ties";

/** The roles that may decide a review item, in words: "ADMIN, APPROVER or OWNER". */
const reviewerRoles = () => PERMISSIONS["reviews.decide"].roles.join(", ").replace(/, ([^,]*)$/, " or $1");

/**
 * An ADMIN hands open items to another reviewer, with a reason, each reassignment audited. Nobody is
 * given an item they own, registered or granted (unless the campaign allows self-review): the
 * separation of duties survives reassignment. Whoever reassigns may not sign the campaign off.
 */
export async function reassignReviewItems(actor: Actor, raw: TReassignInput, now = new Date()) {
  assertCan(actor, "reviews.manage");
  const input = parseWith(ZReassignInput, raw, "reassignment");
  return db().$transaction(async (tx) => {
    const to = await tx.user.findUnique({ where: { id: input.assigneeId } });
    if (!to || to.disabled)
      throw new AppError("UNPROCESSABLE", "Unknown or disabled user", { assigneeId: "Unknown or disabled user" });
    if (!can({ type: "USER", roles: to.roles }, "reviews.decide"))
      throw new AppError("UNPROCESSABLE", `${to.email} has no role that may review (${reviewerRoles()})`, {
        assigneeId: "Cannot review",
      });
    const items = await withLiveTies(
      tx,
      await tx.reviewItem.findMany({ where: { id: { in: input.itemIds } }, include: { campaign: true } }),
    );
    if (items.length !== new Set(input.itemIds).size) throw new AppError("NOT_FOUND", "Review item not found");
    for (const item of items) {
      if (item.campaign.status !== "ACTIVE") throw new AppError("CONFLICT", `The campaign is ${item.campaign.status}`);
      if (item.status !== "OPEN") throw new AppError("CONFLICT", `Item ${item.subjectKey} has already been decided`);
      if (item.conflictUserIds.includes(to.id)) {
        const why = describeConflict(conflictKindsOf(item.conflicts, to.id), item) || "granted, registered or own";
        throw new AppError("UNPROCESSABLE", `${to.email} may not review ${item.subjectKey}: they ${why}`, {
          assigneeId: "Would review their own access",
        });
      }
    }
    const who = auditActor(actor);
    const fromLabels = new Map<string, string>();
    for (const item of items) {
      const from = item.assigneeId
        ? ((await tx.user.findUnique({ where: { id: item.assigneeId }, select: { email: true } }))?.email ??
          item.assigneeId)
        : item.reviewerOfRecordLabel;
      fromLabels.set(item.id, from);
      const claimed = await tx.reviewItem.updateMany({
        where: { id: item.id, status: "OPEN" },
        data: {
          assigneeId: to.id,
          assigneeTeamId: null,
          assignment: "reassigned",
          reassignedFromLabel: from,
          reassignedByLabel: who.label,
          reassignReason: input.reason,
          reassignedAt: now,
        },
      });
      if (claimed.count === 0) throw new AppError("CONFLICT", `Item ${item.subjectKey} has already been decided`);
    }
    await recordAudit(
      tx,
      items.map((item) => ({
        actor: who,
        category: "ADMIN" as const,
        action: "review.item_reassigned",
        target: { type: "ReviewItem", id: item.id },
        before: { assignee: fromLabels.get(item.id) },
        after: { assignee: to.email },
        attributes: { campaignId: item.campaignId, reason: input.reason },
      })),
    );
    await tx.notification.create({
      data: {
        userId: to.id,
        title: `${items.length} access review item${items.length === 1 ? "" : "s"} reassigned to you`,
        body: input.reason,
        link: `/reviews?campaign=${items[0].campaignId}`,
        reviewCampaignId: items[0].campaignId,
      },
    });
    return { reassigned: items.length, assignee: to.email };
  });
}
