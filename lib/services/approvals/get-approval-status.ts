import { AppError } from "@/lib/errors";
import { effectiveStatus } from "@/lib/approvals/rules";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import type { ApprovalState } from "@/lib/schemas/approval";
import { isUuid } from "@/lib/schemas/safe-input";

/** The state of a request, as a gateway polls it. Expiry applies at read time. */
export async function getApprovalStatus(actor: Actor, id: string, now = new Date()): Promise<ApprovalState> {
  assertCan(actor, "approvals.read");
  if (!isUuid(id)) throw new AppError("NOT_FOUND", "Approval request not found");
  const r = await db().approvalRequest.findUnique({
    where: { id },
    include: { votes: { select: { decision: true } } },
  });
  if (!r) throw new AppError("NOT_FOUND", "Approval request not found");
  return {
    id: r.id,
    kind: r.kind,
    status: effectiveStatus(r, now),
    expiresAt: r.expiresAt.toISOString(),
    policyVersion: r.policyVersion,
    approvals: r.votes.filter((v) => v.decision === "APPROVE").length,
    requiredApprovals: r.requiredApprovals,
    retryAfterSeconds: effectiveStatus(r, now) === "PENDING" ? 5 : undefined,
  };
}
