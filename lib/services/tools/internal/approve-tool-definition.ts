import { recordAdminAudit } from "@/lib/services/audited-write";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/authz/actor";
import type { Tx } from "@/lib/db/tx";
import type { Prisma } from "@/lib/generated/prisma/client";
import { verdictSummary } from "@/lib/registry/poisoning/scan-tool-definition";
import { definitionOf } from "@/lib/registry/tool-definition";
import { poisoningScanner } from "../shared/poisoning-scanner";
import { registryChanged } from "@/lib/services/servers/shared/registry-changed";

export type PoisoningOverride = { justification: string };

/**
 * Approves exactly the definition with this hash (the one the reviewer or approvers saw), and closes any
 * open TOOL_CHANGE request for the tool. A definition that changed meanwhile is refused, never approved blind.
 * A definition the poisoning detector flags is refused too, unless the approver overrides it with a
 * justification: the override is audited with the signals it overrode.
 */
export async function approveToolDefinition(
  tx: Tx,
  actor: Actor,
  toolId: string,
  definitionHash: string,
  override?: PoisoningOverride,
  /** a bulk approval's justification, recorded in each tool's own audit record */
  justification?: string,
) {
  await tx.$queryRaw`SELECT id FROM "Tool" WHERE id = ${toolId}::uuid FOR UPDATE`;
  const tool = await tx.tool.findUniqueOrThrow({ where: { id: toolId } });
  if (tool.definitionHash !== definitionHash) {
    throw new AppError("CONFLICT", "The tool's definition changed since it was looked at: review the new diff");
  }
  const verdict = (await poisoningScanner(tx, tool.serverId))(definitionOf(tool));
  if (verdict.flagged && !override) {
    throw new AppError(
      "UNPROCESSABLE",
      `${tool.name} is flagged as possible tool poisoning (${verdictSummary(verdict)}). Approving it needs an explicit override with a justification.`,
      { "poisoningOverride.justification": "Give the reason this definition is safe to approve" },
    );
  }
  const updated = await tx.tool.update({
    where: { id: tool.id },
    data: {
      status: "APPROVED",
      approvedHash: tool.definitionHash,
      approvedDefinition: definitionOf(tool) as Prisma.InputJsonValue,
    },
  });
  await tx.approvalRequest.updateMany({
    where: { kind: "TOOL_CHANGE", serverId: tool.serverId, toolName: tool.name, status: "PENDING" },
    data: { status: "CANCELLED", decidedAt: new Date() },
  });
  await registryChanged(tx, tool.serverId);
  await recordAdminAudit(tx, actor, tool.approvedHash ? "tool.change_approved" : "tool.approved", {
    target: { type: "Tool", id: tool.id },
    before: { status: tool.status, approvedHash: tool.approvedHash },
    after: { status: updated.status, approvedHash: updated.approvedHash },
    attributes: { server: tool.serverId, name: tool.name, ...(justification ? { justification, bulk: true } : {}) },
  });
  if (verdict.flagged && override) {
    await recordAdminAudit(tx, actor, "tool.poisoning_overridden", {
      target: { type: "Tool", id: tool.id },
      outcome: "overridden",
      attributes: {
        server: tool.serverId,
        name: tool.name,
        definitionHash: tool.definitionHash,
        justification: override.justification,
        score: verdict.score,
        signals: [...new Set(verdict.findings.flatMap((f) => f.signals.map((s) => s.signal)))],
        quotes: verdict.findings.slice(0, 5).map((f) => ({ field: f.field, quote: f.quote })),
      },
    });
  }
  return updated;
}
