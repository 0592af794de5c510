import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/schemas/parse";
import { requiredApprovals } from "@/lib/approvals/rules";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { ZReviewToolInput, type TReviewToolInput } from "@/lib/schemas/tool";
import { openRegistryRequest } from "@/lib/services/approvals/shared/open-request";
import { approveToolDefinition } from "./internal/approve-tool-definition";
import { loadWritableTool } from "./tool-access";

/**
 * An admin approves a tool's current definition directly, naming the hash they saw: a tool's first
 * review. A change to a reviewed tool waits for its TOOL_CHANGE request's approvers instead; only
 * their votes, or an ADMIN's break-glass on that request, approve it. A definition flagged as possible
 * tool poisoning also needs the admin's override and its justification.
 */
export async function reviewTool(actor: Actor, toolId: string, raw: TReviewToolInput, now = new Date()) {
  assertCan(actor, "tools.review");
  const input = parseWith(ZReviewToolInput, raw, "tool review");
  return db().$transaction(async (tx) => {
    const tool = await loadWritableTool(tx, actor, toolId);
    const pending = await tx.approvalRequest.findFirst({
      where: {
        kind: "TOOL_CHANGE",
        serverId: tool.serverId,
        toolName: tool.name,
        status: "PENDING",
        expiresAt: { gt: now },
      },
      select: { id: true, requiredApprovals: true },
    });
    if (pending)
      throw new AppError(
        "CONFLICT",
        `This change of ${tool.name} waits for ${pending.requiredApprovals} approval${pending.requiredApprovals === 1 ? "" : "s"} (request ${pending.id}): approvers vote in Approvals, or an ADMIN breaks glass there`,
      );
    if (tool.approvedHash && tool.approvedHash !== tool.definitionHash) {
      // Its request lapsed: the change is put to the approvers again, never approved here.
      if (tool.definitionHash !== input.definitionHash)
        throw new AppError("CONFLICT", "The tool's definition changed since it was looked at: review the new diff");
      const server = await tx.mcpServer.findUniqueOrThrow({ where: { id: tool.serverId } });
      const risk = tool.riskOverride ?? tool.risk;
      const request = await openRegistryRequest(tx, actor, {
        kind: "TOOL_CHANGE",
        serverId: server.id,
        serverSlug: server.slug,
        toolName: tool.name,
        argsHash: tool.definitionHash,
        risk,
        reason: `The definition of ${tool.name} changed since it was approved`,
        requiredApprovals: requiredApprovals(server, risk),
      });
      return { ...tool, pendingApprovalId: request.id };
    }
    return approveToolDefinition(tx, actor, tool.id, input.definitionHash, input.poisoningOverride);
  });
}
