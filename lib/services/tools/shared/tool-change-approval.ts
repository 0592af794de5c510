import { diffLines } from "diff";
import { db } from "@/lib/db/client";
import { verdictSummary } from "@/lib/registry/poisoning/scan-tool-definition";
import { definitionOf, diffDefinitions, type ToolDefinition } from "@/lib/registry/tool-definition";
import type { ApprovalContext } from "@/lib/services/approvals/approval-context-types";
import type { ApprovableKind } from "@/lib/services/approvals/shared/approvable-kinds";
import { approveToolDefinition } from "../internal/approve-tool-definition";
import { registryScanners } from "./poisoning-scanner";

const pretty = (d: ToolDefinition | null) =>
  d
    ? JSON.stringify(
        { name: d.name, description: d.description, inputSchema: d.inputSchema, annotations: d.annotations ?? null },
        null,
        2,
      )
    : "";

/**
 * An approved TOOL_CHANGE approves exactly the reviewed definition; approvers see its diff and any hidden
 * instructions the poisoning detector finds in it.
 */
export const toolChangeApproval: ApprovableKind = {
  async apply(tx, r, { actor, breakGlass }) {
    const tool = await tx.tool.findUniqueOrThrow({
      where: { serverId_name: { serverId: r.serverId!, name: r.toolName! } },
    });
    // Break-glass is an explicit, justified override: it also covers a definition flagged as poisoning.
    await approveToolDefinition(
      tx,
      actor,
      tool.id,
      r.argsHash!,
      breakGlass ? { justification: breakGlass } : undefined,
    );
  },
  async context(rows) {
    const changed = rows.filter((r) => r.serverId && r.toolName);
    if (changed.length === 0) return new Map();
    const scanners = await registryScanners(db());
    const tools = await db().tool.findMany({
      where: { OR: changed.map((r) => ({ serverId: r.serverId!, name: r.toolName! })) },
    });
    const contexts = new Map<string, Pick<ApprovalContext, "toolChange">>();
    for (const r of changed) {
      const tool = tools.find((t) => t.serverId === r.serverId && t.name === r.toolName);
      if (!tool) continue;
      const before = tool.approvedDefinition as ToolDefinition | null;
      const after = definitionOf(tool);
      const verdict = scanners(tool.serverId)(definitionOf(tool));
      contexts.set(r.id, {
        toolChange: {
          fields: diffDefinitions(before, after).map((c) => c.field),
          diff: diffLines(pretty(before), pretty(after)).map(({ value, added, removed }) => ({
            value,
            added,
            removed,
          })),
          hiddenInstructions: verdict.flagged ? verdictSummary(verdict) : null,
        },
      });
    }
    return contexts;
  },
};
