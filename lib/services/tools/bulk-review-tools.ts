import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/schemas/parse";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { ZBulkReviewToolsInput, type TBulkReviewToolsInput } from "@/lib/schemas/tool";
import { approveToolDefinition } from "./internal/approve-tool-definition";
import { loadWritableTool } from "./tool-access";

/**
 * An admin approves several low-risk tools' first reviews at once, with one justification that is
 * recorded in every tool's own audit record. All or nothing, in one transaction: a tool that is not
 * low risk (its override counts), already reviewed, changed since it was looked at, or flagged as
 * possible tool poisoning refuses the whole batch, and is reviewed on its own.
 */
export async function bulkReviewTools(actor: Actor, raw: TBulkReviewToolsInput) {
  assertCan(actor, "tools.review");
  const input = parseWith(ZBulkReviewToolsInput, raw, "bulk tool review");
  return db().$transaction(async (tx) => {
    const approved = [];
    for (const { id, definitionHash } of input.tools) {
      const tool = await loadWritableTool(tx, actor, id);
      const risk = tool.riskOverride ?? tool.risk;
      if (risk !== "LOW")
        throw new AppError("UNPROCESSABLE", `${tool.name} is ${risk} risk: review it on its own, not in bulk`, {
          tools: `${tool.name} is not low risk`,
        });
      if (tool.status !== "PENDING_REVIEW" || tool.approvedHash)
        throw new AppError(
          "CONFLICT",
          `${tool.name} is not waiting for its first review: a changed tool goes to its approvers`,
        );
      approved.push(await approveToolDefinition(tx, actor, tool.id, definitionHash, undefined, input.justification));
    }
    return { approved: approved.map((t) => ({ id: t.id, name: t.name, status: t.status })) };
  });
}
