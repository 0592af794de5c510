import { recordAdminAudit } from "@/lib/services/audited-write";
import { AppError } from "@/lib/errors";
import { fieldErrors } from "@/lib/schemas/parse";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { requiredApprovals } from "@/lib/approvals/rules";
import { classifyRisk, needsApprovalByDefault, RISK_ORDER } from "@/lib/registry/risk";
import { definitionOf, diffDefinitions, type ToolDefinition } from "@/lib/registry/tool-definition";
import { openRegistryRequest } from "@/lib/services/approvals/shared/open-request";
import { raiseFinding } from "@/lib/services/findings/shared/raise-finding";
import { verdictSummary } from "@/lib/registry/poisoning/scan-tool-definition";
import { toolDefinitionHash } from "@/lib/registry/tool-hash";
import { ZToolManifest } from "@/lib/schemas/manifest";
import { poisoningScanner } from "@/lib/services/tools/shared/poisoning-scanner";
import { registryChanged } from "@/lib/services/servers/shared/registry-changed";
import { loadWritableServer, lockServer } from "@/lib/services/servers/server-access";

export type ManifestImportResult = {
  added: string[];
  changed: string[];
  unchanged: string[];
  missing: string[];
  suspicious: string[];
};

/**
 * Imports a `tools/list` result. New tools wait for review; a tool whose definition hash changed (a
 * possible rug pull) goes back to PENDING_REVIEW and is unusable until an admin approves the new hash.
 * Tools absent from the manifest are reported, not deleted: their history and grants stay.
 */
export async function importManifest(
  actor: Actor,
  serverIdOrSlug: string,
  manifest: unknown,
): Promise<ManifestImportResult> {
  assertCan(actor, "manifests.import");
  const parsed = ZToolManifest.safeParse(manifest);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error);
    throw new AppError(
      "UNPROCESSABLE",
      `Malformed tool manifest: ${Object.entries(fields)
        .map(([k, v]) => `${k}: ${v}`)
        .join("; ")}`,
      fields,
    );
  }
  return db().$transaction(async (tx) => {
    const server = await loadWritableServer(tx, actor, serverIdOrSlug);
    await lockServer(tx, server.id);
    const existing = new Map((await tx.tool.findMany({ where: { serverId: server.id } })).map((t) => [t.name, t]));
    const result: ManifestImportResult = { added: [], changed: [], unchanged: [], missing: [], suspicious: [] };
    const scan = await poisoningScanner(
      tx,
      server.id,
      parsed.data.tools.map((t) => t.name),
    );
    // The raw entries, unknown members included: a client may show any of them to the model.
    const raw = (manifest as { tools: Record<string, unknown>[] }).tools;
    for (const [index, tool] of parsed.data.tools.entries()) {
      const definition = definitionOf(tool);
      const hash = toolDefinitionHash(definition);
      const current = existing.get(tool.name);
      existing.delete(tool.name);
      const verdict = scan(raw[index]);
      if (verdict.flagged && current?.definitionHash !== hash) {
        result.suspicious.push(tool.name);
        await raiseFinding(tx, {
          type: "poisoned_tool_description",
          severity: "CRITICAL",
          entityType: "Tool",
          entityKey: `${server.slug}:${tool.name}`,
          title: `${server.slug}/${tool.name}: possible tool poisoning (${verdictSummary(verdict)})`,
          evidence: {
            definitionHash: hash,
            score: verdict.score,
            findings: verdict.findings.slice(0, 10).map((f) => ({
              field: f.field,
              quote: f.quote,
              signals: f.signals.map((s) => s.signal),
            })),
          },
        });
      }
      const data = {
        title: tool.title ?? tool.annotations?.title ?? null,
        description: tool.description,
        inputSchema: tool.inputSchema as Prisma.InputJsonValue,
        // A member the new definition drops is cleared, so the stored definition is the hashed one.
        outputSchema: tool.outputSchema ? (tool.outputSchema as Prisma.InputJsonValue) : Prisma.DbNull,
        annotations: tool.annotations ? (tool.annotations as Prisma.InputJsonValue) : Prisma.DbNull,
        definitionHash: hash,
        risk: classifyRisk(tool, verdict.flagged),
      };
      if (!current) {
        await tx.tool.create({
          data: {
            ...data,
            serverId: server.id,
            name: tool.name,
            status: "PENDING_REVIEW",
            requiresApproval: needsApprovalByDefault(data.risk),
          },
        });
        result.added.push(tool.name);
      } else if (current.definitionHash !== hash) {
        const approvalNeeded = current.requiresApproval || needsApprovalByDefault(current.riskOverride ?? data.risk);
        await tx.tool.update({
          where: { id: current.id },
          data: {
            ...data,
            status: current.approvedHash === hash ? "APPROVED" : "PENDING_REVIEW",
            requiresApproval: approvalNeeded,
          },
        });
        result.changed.push(tool.name);
        if (current.approvedHash && current.approvedHash !== hash) {
          // A reviewed tool changed under us (a possible rug pull): approvers are asked about exactly this definition.
          const fields = diffDefinitions(current.approvedDefinition as ToolDefinition | null, definition).map(
            (c) => c.field,
          );
          const risk =
            RISK_ORDER[
              Math.max(RISK_ORDER.indexOf(data.risk), RISK_ORDER.indexOf(current.riskOverride ?? current.risk))
            ];
          await openRegistryRequest(tx, actor, {
            kind: "TOOL_CHANGE",
            serverId: server.id,
            serverSlug: server.slug,
            toolName: tool.name,
            argsHash: hash,
            risk,
            reason:
              `The definition of ${tool.name} changed (${fields.join(", ")}) since it was approved` +
              (verdict.flagged ? `; flagged as possible tool poisoning (${verdictSummary(verdict)})` : ""),
            requiredApprovals: requiredApprovals(server, risk),
          });
        }
      } else {
        result.unchanged.push(tool.name);
      }
    }
    result.missing = [...existing.keys()];
    await registryChanged(tx, server.id);
    await recordAdminAudit(tx, actor, "manifest.imported", {
      target: { type: "McpServer", id: server.id },
      outcome: result.changed.length ? "changed" : "success",
      attributes: { ...result, toolCount: parsed.data.tools.length },
    });
    return result;
  });
}
