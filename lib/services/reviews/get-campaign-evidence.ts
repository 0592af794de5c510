import { AppError } from "@/lib/errors";
import { canonicalJson } from "@/lib/crypto/canonical-json";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { assigneeLabel } from "@/lib/reviews/assignment";
import { conflictKindsOf } from "@/lib/reviews/conflicts";
import { itemEntitlement, itemSubject } from "@/lib/reviews/describe-item";
import { populationHash } from "@/lib/reviews/population-hash";
import type { Recommendation } from "@/lib/reviews/recommendations";

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * Everything an access-review evidence pack holds, as rows: the frozen population (with the exact
 * canonical JSON its sha256 covers, recomputed here), every decision with reviewer of record, actual
 * decider, reassignment, self-review rerouting and any tie of the decider to the item, every remediation with its time of effect and
 * proving audit sequence, the exceptions, and the sign-off. The pack builder (issue 12) writes them out.
 */
export async function getCampaignEvidence(actor: Actor, campaignId: string) {
  assertCan(actor, "reports.read");
  const campaign = await db().reviewCampaign.findUnique({ where: { id: campaignId } });
  if (!campaign) throw new AppError("NOT_FOUND", "Campaign not found");
  const items = await db().reviewItem.findMany({ where: { campaignId }, orderBy: { subjectKey: "asc" } });
  const users = await db().user.findMany({
    where: { id: { in: items.map((i) => i.assigneeId).filter((x): x is string => x !== null) } },
    select: { id: true, email: true },
  });
  const teams = await db().team.findMany({
    where: { id: { in: items.map((i) => i.assigneeTeamId).filter((x): x is string => x !== null) } },
    select: { id: true, slug: true },
  });
  const email = new Map(users.map((u) => [u.id, u.email]));
  const slug = new Map(teams.map((t) => [t.id, t.slug]));
  const assignee = (i: (typeof items)[number]) => assigneeLabel(i, email, slug);
  const canonical = items
    .map(({ kind, subjectKey, snapshot }) => ({ kind, subjectKey, snapshot }))
    .sort((a, b) => (a.subjectKey < b.subjectKey ? -1 : a.subjectKey > b.subjectKey ? 1 : 0));
  const recomputed = items.length ? populationHash(items) : null;
  const base = (i: (typeof items)[number]) => {
    const s = i.snapshot as Record<string, unknown>;
    return {
      itemId: i.id,
      kind: i.kind,
      subjectKey: i.subjectKey,
      server: i.serverSlug,
      subject: itemSubject(i.kind, s),
      entitlement: itemEntitlement(i.kind, s),
    };
  };
  return {
    campaign: {
      id: campaign.id,
      name: campaign.name,
      period: campaign.period,
      status: campaign.status,
      scope: campaign.scope,
      dueAt: iso(campaign.dueAt),
      defaultAction: campaign.defaultAction,
      createdBy: campaign.createdByLabel,
      createdAt: iso(campaign.createdAt),
      startedAt: iso(campaign.startedAt),
      startedBy: campaign.startedByLabel,
      defaultAppliedAt: iso(campaign.defaultAppliedAt),
      cancelledAt: iso(campaign.cancelledAt),
      cancelReason: campaign.cancelReason,
      allowOwnerSelfReview: campaign.allowOwnerSelfReview,
      allowDeciderSignOff: campaign.allowDeciderSignOff,
    },
    population: {
      sha256: campaign.populationHash,
      recomputedSha256: recomputed,
      matches: recomputed === campaign.populationHash,
      /** the exact bytes the sha256 covers */
      canonicalJson: canonicalJson(canonical),
      query: campaign.populationQuery,
      count: items.length,
      rows: items.map((i) => ({
        ...base(i),
        agent: i.agentClientId,
        snapshotSha256: i.snapshotHash,
        snapshot: canonicalJson(i.snapshot),
        recommendations: (i.recommendations as Recommendation[]).map((r) => r.text).join("; "),
        lastUsedAt: iso(i.lastUsedAt),
      })),
    },
    decisions: items.map((i) => ({
      ...base(i),
      reviewerOfRecord: i.reviewerOfRecordLabel,
      assignee: assignee(i),
      assignment: i.assignment,
      actualDecider: i.decidedByLabel,
      decision: i.decision,
      status: i.status,
      justification: i.justification,
      decidedAt: iso(i.decidedAt),
      decisionAuditSequence: i.decisionSequence?.toString() ?? null,
      reassigned: i.reassignedAt !== null,
      reassignedFrom: i.reassignedFromLabel,
      reassignedBy: i.reassignedByLabel,
      reassignReason: i.reassignReason,
      reassignedAt: iso(i.reassignedAt),
      selfReviewRerouted: i.selfReviewRerouted,
      /** the decider's own ties to the item (owner, registrar, server_owner, grantor): only where the
       * campaign allowed self-review; empty otherwise */
      conflict: conflictKindsOf(i.conflicts, i.decidedById).join(",") || null,
    })),
    remediations: items
      .filter((i) => i.decision === "REVOKE" || i.decision === "MODIFY")
      .map((i) => ({
        ...base(i),
        decision: i.decision,
        action: i.remediationNote,
        changes: i.changes === null ? null : canonicalJson(i.changes),
        decidedBy: i.decidedByLabel,
        effectiveAt: iso(i.remediatedAt),
        auditSequence: i.remediationSequence?.toString() ?? null,
      })),
    exceptions: items
      .filter((i) => i.exception)
      .map((i) => ({
        ...base(i),
        reviewerOfRecord: i.reviewerOfRecordLabel,
        assignee: assignee(i),
        appliedAction: i.decision,
        reason: i.exceptionReason,
        at: iso(i.decidedAt),
        auditSequence: i.decisionSequence?.toString() ?? null,
      })),
    signOff: campaign.signedOffAt
      ? {
          by: campaign.signedOffByLabel,
          at: iso(campaign.signedOffAt),
          statement: campaign.signOffStatement,
          auditSequence: campaign.signOffSequence?.toString() ?? null,
          /** the signer had decided or reassigned items of the campaign, and why that was allowed */
          signerTookPart: campaign.signOffConflict ?? null,
        }
      : null,
  };
}
export type CampaignEvidence = Awaited<ReturnType<typeof getCampaignEvidence>>;
