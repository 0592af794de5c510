import { recordAudit } from "@/lib/audit/record-audit";
import { systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { lockCampaign } from "./internal/campaign-lock";
import { recordDecision } from "./internal/record-decision";

/** How often a Warden instance looks for campaigns past their due date. */
export const DUE_DEFAULTS_SWEEP_MS = 60_000;

const deadline = systemActor("review-deadline");

/**
 * Missed reviews have teeth: at the due date every item still open gets the campaign's default (KEEP,
 * or REVOKE through the same remediation as a reviewer's), recorded as an exception. Each campaign is
 * claimed under its row lock, so several instances sweeping at once apply it once.
 */
export async function applyDueDefaults(now = new Date()) {
  const due = await db().reviewCampaign.findMany({
    where: { status: "ACTIVE", dueAt: { lte: now }, defaultAppliedAt: null },
    select: { id: true },
    take: 20,
  });
  let applied = 0;
  for (const { id } of due) {
    applied += await db().$transaction(
      async (tx) => {
        await lockCampaign(tx, id);
        const campaign = await tx.reviewCampaign.findUniqueOrThrow({ where: { id } });
        if (campaign.status !== "ACTIVE" || campaign.defaultAppliedAt) return 0;
        const open = await tx.reviewItem.findMany({
          where: { campaignId: id, status: "OPEN" },
          orderBy: { subjectKey: "asc" },
        });
        const reason = `Undecided at the due date ${campaign.dueAt.toISOString().slice(0, 10)}: ${
          campaign.defaultAction === "KEEP" ? "kept" : "revoked"
        } by the campaign's default`;
        for (const item of open)
          await recordDecision(
            tx,
            deadline,
            item,
            campaign.period,
            { decision: campaign.defaultAction, justification: "", exceptionReason: reason },
            now,
          );
        await tx.reviewCampaign.update({ where: { id }, data: { defaultAppliedAt: now } });
        await recordAudit(tx, {
          actor: { type: "SYSTEM", id: null, label: "review-deadline" },
          category: "ADMIN",
          action: "review.defaults_applied",
          target: { type: "ReviewCampaign", id },
          attributes: { period: campaign.period, defaultAction: campaign.defaultAction, items: open.length },
        });
        return open.length;
      },
      { timeout: 120_000 },
    );
  }
  return applied;
}
