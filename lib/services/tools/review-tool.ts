import { parseWith } from "@/lib/schemas/parse";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { ZReviewToolInput, type TReviewToolInput } from "@/lib/schemas/tool";
import { approveToolDefinition } from "./internal/approve-tool-definition";
import { loadWritableTool } from "./tool-access";

/**
 * An admin approves a tool's current definition directly, naming the hash they saw; a definition flagged
 * as possible tool poisoning also needs their override and its justification.
 */
export async function reviewTool(actor: Actor, toolId: string, raw: TReviewToolInput) {
  assertCan(actor, "tools.review");
  const input = parseWith(ZReviewToolInput, raw, "tool review");
  return db().$transaction(async (tx) => {
    const tool = await loadWritableTool(tx, actor, toolId);
    return approveToolDefinition(tx, actor, tool.id, input.definitionHash, input.poisoningOverride);
  });
}
