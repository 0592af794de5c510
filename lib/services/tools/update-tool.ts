import { recordAdminAudit } from "@/lib/services/audited-write";
import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/schemas/parse";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { ZUpdateToolInput, type TUpdateToolInput } from "@/lib/schemas/tool";
import { registryChanged } from "@/lib/services/servers/shared/registry-changed";
import { loadWritableTool } from "./tool-access";

const ARGUMENT_KEYS = ["objectArgument", "limitArgument", "queryArgument"] as const;

/**
 * Enable or disable a tool, set whether it needs approval, override its risk (ADMIN, with a reason), or
 * say which argument holds the object, the record limit and the query (a reviewer's call).
 */
export async function updateTool(actor: Actor, toolId: string, raw: TUpdateToolInput) {
  assertCan(actor, "servers.manage");
  const input = parseWith(ZUpdateToolInput, raw, "tool change");
  if (input.riskOverride !== undefined) assertCan(actor, "tools.review");
  const mapsArguments = ARGUMENT_KEYS.some((k) => input[k] !== undefined);
  // Which argument holds the object, the limit or the query decides what limits can check: a reviewer's call.
  if (mapsArguments) assertCan(actor, "tools.review");
  return db().$transaction(async (tx) => {
    const tool = await loadWritableTool(tx, actor, toolId);
    const risk =
      input.riskOverride === undefined ? (tool.riskOverride ?? tool.risk) : (input.riskOverride ?? tool.risk);
    if (input.requiresApproval === false && (risk === "HIGH" || risk === "CRITICAL")) {
      assertCan(actor, "tools.review");
      if (!input.reason)
        throw new AppError("BAD_REQUEST", "Give a reason for letting a HIGH or CRITICAL tool run without approval", {
          reason: "Required",
        });
    }
    const updated = await tx.tool.update({
      where: { id: tool.id },
      data: {
        enabled: input.enabled,
        requiresApproval: input.requiresApproval,
        ...Object.fromEntries(ARGUMENT_KEYS.filter((k) => input[k] !== undefined).map((k) => [k, input[k]])),
        ...(input.riskOverride !== undefined
          ? { riskOverride: input.riskOverride, riskOverrideReason: input.riskOverride ? input.reason : null }
          : {}),
      },
    });
    await registryChanged(tx, tool.serverId);
    const keys = ["enabled", "requiresApproval", "riskOverride", ...ARGUMENT_KEYS] as const;
    await recordAdminAudit(tx, actor, "tool.updated", {
      target: { type: "Tool", id: tool.id },
      before: Object.fromEntries(keys.map((k) => [k, tool[k]])),
      after: Object.fromEntries(keys.map((k) => [k, updated[k]])),
      attributes: { name: tool.name, reason: input.reason },
    });
    return updated;
  });
}
