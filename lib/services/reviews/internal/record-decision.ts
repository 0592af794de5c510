import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditActor, type Actor } from "@/lib/authz/actor";
import type { Tx } from "@/lib/db/tx";
import type { Prisma, ReviewItem } from "@/lib/generated/prisma/client";
import { conflictKindsOf } from "@/lib/reviews/conflicts";
import type { TGrantNarrowing } from "@/lib/schemas/review";
import { remediateItem } from "./remediate-item";

type Outcome = {
  decision: "CERTIFY" | "REVOKE" | "MODIFY" | "KEEP";
  justification: string;
  changes?: TGrantNarrowing;
  /** set by the due-date default: the item is recorded as an exception */
  exceptionReason?: string;
};

/**
 * Records one decision: claims the item while it is still OPEN (so of two concurrent decisions exactly
 * one is recorded), changes the live entitlement, and writes the decision with its audit record. A
 * decider tied to the item (only possible where the campaign allows self-review) is named in the record.
 */
export async function recordDecision(
  tx: Tx,
  actor: Actor,
  item: ReviewItem,
  period: string,
  outcome: Outcome,
  now: Date,
) {
  const status = outcome.exceptionReason ? "DEFAULTED" : "DECIDED";
  const claimed = await tx.reviewItem.updateMany({ where: { id: item.id, status: "OPEN" }, data: { status } });
  if (claimed.count === 0) throw new AppError("CONFLICT", "This item has already been decided");
  const reason = `Access review ${period}: ${outcome.justification || outcome.exceptionReason || outcome.decision.toLowerCase()}`;
  const remediation = await remediateItem(tx, actor, item, outcome.decision, { reason, changes: outcome.changes, now });
  const who = auditActor(actor);
  const conflict = conflictKindsOf(item.conflicts, who.type === "USER" ? who.id : null);
  const [record] = await recordAudit(tx, {
    actor: who,
    category: "ADMIN",
    action: "review.item_decided",
    target: { type: "ReviewItem", id: item.id },
    before: { status: "OPEN" },
    after: {
      status,
      decision: outcome.decision,
      justification: outcome.justification || null,
      changes: remediation.changes,
    },
    attributes: {
      campaignId: item.campaignId,
      period,
      subject: item.subjectKey,
      reviewerOfRecord: item.reviewerOfRecordLabel,
      remediationSequence: remediation.remediationSequence?.toString(),
      exception: outcome.exceptionReason,
      conflict: conflict.length ? conflict.join(",") : undefined,
    },
  });
  return tx.reviewItem.update({
    where: { id: item.id },
    data: {
      decision: outcome.decision,
      justification: outcome.justification || null,
      changes: (remediation.changes ?? undefined) as Prisma.InputJsonValue | undefined,
      decidedById: who.type === "USER" ? who.id : null,
      decidedByLabel: who.label,
      decidedAt: now,
      decisionSequence: record.sequence,
      remediatedAt: remediation.remediatedAt,
      remediationSequence: remediation.remediationSequence,
      remediationNote: remediation.remediationNote,
      exception: Boolean(outcome.exceptionReason),
      exceptionReason: outcome.exceptionReason ?? null,
      // the ties as checked for this decision (frozen, and any since: see withLiveTies), for the evidence
      conflicts: item.conflicts as Prisma.InputJsonValue,
    },
  });
}
