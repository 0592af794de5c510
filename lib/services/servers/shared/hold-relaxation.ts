import type { Actor } from "@/lib/authz/actor";
import { requiredApprovals } from "@/lib/approvals/rules";
import type { Tx } from "@/lib/db/tx";
import type { McpServer, Prisma } from "@/lib/generated/prisma/client";
import { policyRelaxations, type PolicyFields } from "@/lib/policy/relaxation";
import { openRegistryRequest } from "@/lib/services/approvals/shared/open-request";
import type { ServerChange } from "./apply-server-change";

export type HeldChange = { pendingApprovalId: string; relaxations: string[] };

/**
 * A change that loosens an ACTIVE PROD server's policy does not apply: it becomes a POLICY_CHANGE
 * request, applied only once approvers agree (like a tool change). Null when the change may apply
 * now. The operator's own scripts (SYSTEM) are not held.
 */
export async function holdRelaxation(
  tx: Tx,
  actor: Actor,
  before: McpServer,
  change: ServerChange,
): Promise<HeldChange | null> {
  if (actor.type === "SYSTEM" || before.status !== "ACTIVE" || before.environment !== "PROD") return null;
  const relaxations = policyRelaxations(before, change.fields as Partial<PolicyFields>);
  if (change.credential) {
    const current = await tx.credentialRef.findFirst({ where: { serverId: before.id }, orderBy: { createdAt: "asc" } });
    if (current && change.credential.rotation_days > current.rotationDays)
      relaxations.push("slower credential rotation");
  }
  if (relaxations.length === 0) return null;
  const request = await openRegistryRequest(tx, actor, {
    kind: "POLICY_CHANGE",
    serverId: before.id,
    serverSlug: before.slug,
    risk: "HIGH",
    reason: `Relax the policy of ${before.slug}: ${relaxations.join("; ")}`,
    requiredApprovals: requiredApprovals(before, "HIGH"),
    change: change as unknown as Prisma.InputJsonValue,
  });
  return { pendingApprovalId: request.id, relaxations };
}
