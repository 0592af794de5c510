import { assertCan, type Actor } from "@/lib/authz/actor";
import { definitionOf } from "@/lib/registry/tool-definition";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { askSecondOpinion, type SecondOpinion } from "@/lib/registry/poisoning/second-opinion";
import { loadWritableTool } from "./tool-access";

/**
 * The optional model-based second opinion on a tool's current definition, for its reviewer. Off unless
 * POISONING_REVIEW_URL names an OpenAI-compatible endpoint; advisory, and never a reason to approve.
 */
export async function getSecondOpinion(actor: Actor, toolId: string): Promise<SecondOpinion> {
  assertCan(actor, "tools.review");
  const tool = await db().$transaction((tx) => loadWritableTool(tx, actor, toolId));
  const e = env();
  const config = e.POISONING_REVIEW_URL
    ? {
        baseUrl: e.POISONING_REVIEW_URL,
        model: e.POISONING_REVIEW_MODEL,
        apiKey: e.POISONING_REVIEW_API_KEY,
        timeoutMs: e.POISONING_REVIEW_TIMEOUT_MS,
      }
    : null;
  return askSecondOpinion(config, definitionOf(tool), tool.definitionHash);
}
