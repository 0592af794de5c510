import type { Actor } from "@/lib/authz/actor";
import { auditActor } from "@/lib/authz/actor";
import { lower } from "@/lib/audit/catalog";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Tx } from "@/lib/db/tx";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ApprovalKind, RiskLevel } from "@/lib/generated/prisma/enums";
import { enqueueWebhooks } from "@/lib/services/webhooks/shared/enqueue-webhooks";
import { notifyApprovers } from "./notify";

const DAY = 86_400_000;

/**
 * Opens a registry approval (SERVER_ACTIVATION, TOOL_CHANGE or POLICY_CHANGE) for approvers,
 * superseding any pending one of that kind for the same server and tool. `argsHash` binds a TOOL_CHANGE to the exact new definition.
 */
export async function openRegistryRequest(
  tx: Tx,
  actor: Actor,
  r: {
    kind: ApprovalKind;
    serverId: string;
    serverSlug: string;
    toolName?: string;
    argsHash?: string;
    risk: RiskLevel;
    reason: string;
    requiredApprovals: number;
    /** POLICY_CHANGE: what applies once approved */
    change?: Prisma.InputJsonValue;
  },
  now = new Date(),
) {
  await tx.approvalRequest.updateMany({
    where: { kind: r.kind, serverId: r.serverId, toolName: r.toolName ?? null, status: "PENDING" },
    data: { status: "CANCELLED", decidedAt: now },
  });
  const request = await tx.approvalRequest.create({
    data: {
      kind: r.kind,
      serverId: r.serverId,
      toolName: r.toolName,
      argsHash: r.argsHash,
      risk: r.risk,
      reason: r.reason,
      requiredApprovals: r.requiredApprovals,
      change: r.change,
      requesterUserId: actor.type === "USER" ? actor.id : null,
      requesterLabel: auditActor(actor).label,
      expiresAt: new Date(now.getTime() + 7 * DAY),
    },
  });
  await notifyApprovers(tx, request, { excludeUserIds: [request.requesterUserId] });
  await enqueueWebhooks(tx, "approval.requested", { ...request, server: { slug: r.serverSlug }, agent: null });
  await recordAudit(tx, {
    actor: auditActor(actor),
    category: "APPROVAL",
    action: `approval.${lower(r.kind)}_requested`,
    target: { type: "ApprovalRequest", id: request.id },
    after: { server: r.serverSlug, tool: r.toolName, reason: r.reason },
  });
  return request;
}
