import { diffLines } from "diff";
import { db } from "@/lib/db/client";
import { verdictSummary } from "@/lib/registry/poisoning/scan-tool-definition";
import { definitionOf, diffDefinitions, type ToolDefinition } from "@/lib/registry/tool-definition";
import type { ApprovalContext } from "@/lib/services/approvals/approval-context-types";
import type { ApprovableKind } from "@/lib/services/approvals/shared/approvable-kinds";
import { approveToolDefinition } from "../internal/approve-tool-definition";
import { poisoningScanner, registryScanners } from "./poisoning-scanner";

const pretty = (d: ToolDefinition | null) =>
  d
    ? JSON.stringify(
        { name: d.name, description: d.description, inputSchema: d.inputSchema, annotations: d.annotations ?? null },
        null,
        2,
      )
    : "";

/** The message an approver reads when a flagged definition needs an ADMIN's override rather than votes. */
export const overrideNeeded = (summary: string) =>
  `The new definition is flagged as possible tool poisoning (${summary}): approving it needs an admin's justified override on the tool's review screen, or break-glass. Approvers may deny it.`;

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
  async approveBarrier(tx, r) {
    if (!r.serverId || !r.toolName) return null;
    const tool = await tx.tool.findUnique({ where: { serverId_name: { serverId: r.serverId, name: r.toolName } } });
    if (!tool) return null;
    const verdict = (await poisoningScanner(tx, tool.serverId))(definitionOf(tool));
    return verdict.flagged ? overrideNeeded(verdictSummary(verdict)) : null;
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
