import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/schemas/parse";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, auditActor, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { ZBreakGlassInput, type TBreakGlassInput } from "@/lib/schemas/approval";
import { raiseFinding } from "@/lib/services/findings/shared/raise-finding";
import { enqueueWebhooks } from "@/lib/services/webhooks/shared/enqueue-webhooks";
import { applyApproved } from "./internal/apply-approved";
import { notifyApprovers } from "./shared/notify";
import { lockRequest } from "./internal/request-lock";
import { isRegistryKind } from "./shared/approvable-kinds";

/**
 * The one way past the approvers: an ADMIN applies a pending registry request now, with a written
 * justification. It is loud on purpose: the request shows as BREAK_GLASS in approval history, a
 * CRITICAL finding opens, every approver is notified, and the audit chain records who and why.
 */
export async function breakGlass(actor: Actor, requestId: string, raw: TBreakGlassInput, now = new Date()) {
  assertCan(actor, "approvals.break_glass");
  if (actor.type !== "USER") throw new AppError("FORBIDDEN", "Only a person can break glass");
  const input = parseWith(ZBreakGlassInput, raw, "break-glass");
  return db().$transaction(async (tx) => {
    const request = await lockRequest(tx, requestId, { server: { select: { slug: true } } });
    // Only registry requests may be broken open; tool calls and access grants always wait for votes.
    if (!isRegistryKind(request.kind))
      throw new AppError(
        "UNPROCESSABLE",
        "Break-glass applies to server activations, tool changes and policy changes only",
      );
    if (request.status !== "PENDING" || request.expiresAt <= now)
      throw new AppError(
        "CONFLICT",
        `This request is ${request.status === "PENDING" ? "expired" : request.status.toLowerCase()}`,
      );
    const done = await tx.approvalRequest.update({
      where: { id: requestId },
      data: { status: "BREAK_GLASS", decidedAt: now, breakGlassById: actor.id, breakGlassReason: input.justification },
      include: { server: { select: { slug: true } }, agent: { select: { clientId: true } } },
    });
    await applyApproved(tx, request, now, input.justification);
    const what = `${request.kind.toLowerCase().replaceAll("_", " ")} of ${request.server?.slug ?? "a server"}${request.toolName ? `/${request.toolName}` : ""}`;
    await raiseFinding(
      tx,
      {
        type: "break_glass",
        severity: "CRITICAL",
        entityType: "ApprovalRequest",
        entityKey: request.id,
        title: `${actor.email} broke glass: ${what} applied without the approvers`,
        evidence: { requestId: request.id, kind: request.kind, by: actor.email, justification: input.justification },
      },
      now,
    );
    await notifyApprovers(
      tx,
      { ...request, requesterLabel: actor.email },
      { excludeUserIds: [actor.id], title: `Break glass: ${what}` },
    );
    await enqueueWebhooks(tx, "approval.decided", done);
    await recordAudit(tx, {
      actor: auditActor(actor),
      category: "APPROVAL",
      action: "approval.break_glass",
      target: { type: "ApprovalRequest", id: request.id },
      outcome: "break_glass",
      before: { status: "PENDING", approvals: 0 },
      after: { status: "BREAK_GLASS" },
      attributes: {
        kind: request.kind,
        server: request.server?.slug,
        tool: request.toolName,
        justification: input.justification,
      },
    });
    return { id: done.id, status: done.status, kind: done.kind };
  });
}
