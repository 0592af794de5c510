import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { enqueueWebhooks } from "@/lib/services/webhooks/shared/enqueue-webhooks";
import { notifyApprovers } from "./shared/notify";

/** How often a Warden instance looks for requests to escalate. */
export const ESCALATION_SWEEP_MS = 30_000;

/**
 * Requests still pending at half their lifetime notify the fallback approver group, once (claimed
 * row by row, so several instances sweeping together escalate each request once). Runs on a clock;
 * expiry itself needs none, as it is decided when a request is read or voted on.
 */
export async function escalateOverdue(now = new Date()) {
  const due = await db().$queryRaw<{ id: string }[]>`
    SELECT id FROM "ApprovalRequest"
    WHERE status = 'PENDING' AND "escalatedAt" IS NULL AND "expiresAt" > ${now}
      AND "createdAt" + ("expiresAt" - "createdAt") / 2 <= ${now}
    LIMIT 100`;
  if (due.length === 0) return 0;
  const settings = await db().orgSettings.findUnique({ where: { id: 1 }, select: { fallbackApproverTeamId: true } });
  let escalated = 0;
  for (const { id } of due) {
    await db().$transaction(async (tx) => {
      const claimed = await tx.approvalRequest.updateMany({
        where: { id, escalatedAt: null },
        data: { escalatedAt: now },
      });
      if (claimed.count === 0) return;
      const r = await tx.approvalRequest.findUniqueOrThrow({
        where: { id },
        include: { server: { select: { slug: true } }, agent: { select: { clientId: true } } },
      });
      await enqueueWebhooks(tx, "approval.escalated", r);
      await notifyApprovers(tx, r, {
        teamId: settings?.fallbackApproverTeamId,
        title: `Escalated: still waiting for approval (${r.toolName ?? r.kind})`,
        excludeUserIds: [r.requesterUserId],
      });
      await recordAudit(tx, {
        actor: { type: "SYSTEM", id: null, label: "escalation" },
        category: "APPROVAL",
        action: "approval.escalated",
        target: { type: "ApprovalRequest", id },
      });
      escalated++;
    });
  }
  return escalated;
}
