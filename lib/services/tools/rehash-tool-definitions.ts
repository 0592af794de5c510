import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, auditActor, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { definitionOf, type ToolDefinition } from "@/lib/registry/tool-definition";
import { legacyToolDefinitionHash, toolDefinitionHash } from "@/lib/registry/tool-hash";

/**
 * Once, when the hash grew to cover the title and output schema: tools stored under the old hash get
 * the new one, so a reviewed tool stays approved and the same manifest re-imports as unchanged. Only
 * rows whose stored hash is exactly the old hash of their stored definition, and differs from the new
 * one, are touched.
 */
export async function rehashToolDefinitions(actor: Actor) {
  assertCan(actor, "tools.review");
  return db().$transaction(async (tx) => {
    const tools = await tx.tool.findMany();
    let rehashed = 0;
    for (const t of tools) {
      if (t.definitionHash !== legacyToolDefinitionHash(definitionOf(t))) continue;
      const definitionHash = toolDefinitionHash(t);
      // Without a title or an output schema, both hashes are the same bytes.
      if (definitionHash === t.definitionHash) continue;
      const approved = t.approvedDefinition as ToolDefinition | null;
      const approvedHash =
        t.approvedHash === t.definitionHash
          ? definitionHash
          : approved && t.approvedHash === legacyToolDefinitionHash(approved)
            ? toolDefinitionHash(approved)
            : t.approvedHash;
      await tx.tool.update({
        where: { id: t.id },
        data: {
          definitionHash,
          approvedHash,
          ...(t.approvedHash === t.definitionHash
            ? { approvedDefinition: definitionOf(t) as Prisma.InputJsonValue }
            : {}),
        },
      });
      // A pending review of this definition keeps pointing at it.
      await tx.approvalRequest.updateMany({
        where: { kind: "TOOL_CHANGE", serverId: t.serverId, toolName: t.name, argsHash: t.definitionHash },
        data: { argsHash: definitionHash },
      });
      rehashed++;
    }
    if (rehashed)
      await recordAudit(tx, {
        actor: auditActor(actor),
        category: "ADMIN",
        action: "tool.definitions_rehashed",
        outcome: "success",
        attributes: { rehashed, covers: "name, title, description, inputSchema, outputSchema, annotations" },
      });
    return { rehashed };
  });
}
