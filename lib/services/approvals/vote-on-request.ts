import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/schemas/parse";
import { voteBarrier } from "@/lib/approvals/eligibility";
import { lower } from "@/lib/audit/catalog";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, auditActor, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/tx";
import { ZVoteInput, type TVoteInput } from "@/lib/schemas/approval";
import { applyApproved } from "./internal/apply-approved";
import { enqueueWebhooks } from "@/lib/services/webhooks/shared/enqueue-webhooks";
import { notifyUser } from "./shared/notify";
import { lockRequest } from "./internal/request-lock";
import { approvableKind, isRegistryKind } from "./shared/approvable-kinds";

async function settle(
  tx: Tx,
  request: {
    id: string;
    kind: string;
    requesterUserId: string | null;
    serverId: string | null;
    toolName: string | null;
    argsHash: string | null;
  },
  status: "APPROVED" | "DENIED",
  now: Date,
) {
  const decided = await tx.approvalRequest.update({
    where: { id: request.id },
    data: { status, decidedAt: now },
    include: { server: { select: { slug: true } }, agent: { select: { clientId: true } } },
  });
  await enqueueWebhooks(tx, "approval.decided", decided);
  if (status === "APPROVED") await applyApproved(tx, request, now);
  await notifyUser(
    tx,
    request.requesterUserId,
    `Your request was ${status.toLowerCase()}`,
    `/approvals?request=${request.id}`,
  );
}

/**
 * One approver's vote. The request row is locked, so concurrent votes serialise: no double count, no
 * approve-after-deny. A DENY from any eligible approver ends it; APPROVED needs the required number of
 * distinct approvers. The requester, the agent's owner and non-approvers cannot vote.
 */
export async function voteOnRequest(actor: Actor, requestId: string, raw: TVoteInput, now = new Date()) {
  assertCan(actor, "approvals.vote");
  if (actor.type !== "USER") throw new AppError("FORBIDDEN", "Only people vote on approvals");
  const input = parseWith(ZVoteInput, raw, "vote");
  return db().$transaction(async (tx) => {
    const request = await lockRequest(tx, requestId, {
      agent: { select: { ownerId: true, registeredById: true } },
      server: { select: { approvalCommentRequired: true } },
      votes: true,
    });
    if (request.status === "PENDING" && request.expiresAt <= now) {
      await tx.approvalRequest.update({
        where: { id: requestId },
        data: { status: "EXPIRED", decidedAt: request.expiresAt },
      });
      await recordAudit(tx, {
        actor: auditActor(actor),
        category: "APPROVAL",
        action: "approval.expired",
        target: { type: "ApprovalRequest", id: requestId },
        outcome: "expired",
      });
      return { status: "EXPIRED" as const, approvals: 0, requiredApprovals: request.requiredApprovals };
    }
    if (request.status !== "PENDING")
      throw new AppError("CONFLICT", `This request is already ${request.status.toLowerCase()}`);
    const barrier = voteBarrier(actor, {
      requesterUserId: request.requesterUserId,
      onBehalfOf: request.onBehalfOf,
      userSource: request.userSource,
      agentOwnerId: request.agent?.ownerId ?? null,
      agentRegistrantId: request.agent?.registeredById ?? null,
    });
    if (barrier) throw new AppError("FORBIDDEN", barrier);
    if (request.votes.some((v) => v.approverId === actor.id))
      throw new AppError("CONFLICT", "You have already voted on this request");
    if (request.server?.approvalCommentRequired && !input.comment)
      throw new AppError("BAD_REQUEST", "This server requires a comment with every vote", { comment: "Required" });

    const decision = input.decision === "approve" ? "APPROVE" : "DENY";
    const registry = decision === "APPROVE" && isRegistryKind(request.kind) ? approvableKind(request.kind) : null;
    const needsOverride = await registry?.approveBarrier?.(tx, request);
    if (needsOverride) throw new AppError("FORBIDDEN", needsOverride);
    await tx.approvalVote.create({
      data: { requestId, approverId: actor.id, decision, comment: input.comment, createdAt: now },
    });
    const approvals = request.votes.filter((v) => v.decision === "APPROVE").length + (decision === "APPROVE" ? 1 : 0);
    const status = decision === "DENY" ? "DENIED" : approvals >= request.requiredApprovals ? "APPROVED" : "PENDING";
    if (status !== "PENDING") await settle(tx, request, status, now);
    await recordAudit(tx, {
      actor: auditActor(actor),
      category: "APPROVAL",
      action: `approval.vote_${input.decision}`,
      target: { type: "ApprovalRequest", id: requestId },
      outcome: status === "DENIED" ? "deny" : status === "PENDING" ? "pending" : lower(status),
      before: { status: "PENDING", approvals: approvals - (decision === "APPROVE" ? 1 : 0) },
      after: { status, approvals },
      attributes: {
        comment: input.comment,
        kind: request.kind,
        tool: request.toolName,
        argsHash: request.argsHash,
        policyVersion: request.policyVersion,
      },
    });
    return { status, approvals, requiredApprovals: request.requiredApprovals };
  });
}
