import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/schemas/parse";
import { DEFAULT_ACCESS_TTL_DAYS, requiredApprovals } from "@/lib/approvals/rules";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, auditActor, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { operationAllowed, operationOf } from "@/lib/policy/arguments";
import { RISK_ORDER } from "@/lib/registry/risk";
import { ZAccessRequestInput, type TAccessRequestInput } from "@/lib/schemas/approval";
import { enqueueWebhooks } from "@/lib/services/webhooks/shared/enqueue-webhooks";
import { notifyApprovers } from "./shared/notify";

/** A person asks for temporary access for an agent: it waits for approvers, then becomes a JIT grant. */
export async function createAccessRequest(actor: Actor, raw: TAccessRequestInput, now = new Date()) {
  assertCan(actor, "approvals.request");
  if (actor.type !== "USER") throw new AppError("FORBIDDEN", "Only people request access");
  const input = parseWith(ZAccessRequestInput, raw, "access request");
  return db().$transaction(async (tx) => {
    const agent = await tx.agent.findUnique({ where: { id: input.agentId } });
    const server = await tx.mcpServer.findUnique({
      where: { id: input.serverId },
      include: { tools: { where: { name: { in: input.tools } } } },
    });
    if (!agent) throw new AppError("UNPROCESSABLE", "Unknown agent", { agentId: "Unknown agent" });
    if (!server) throw new AppError("UNPROCESSABLE", "Unknown server", { serverId: "Unknown server" });
    const missing = input.tools.filter((t) => !server.tools.some((x) => x.name === t));
    if (missing.length)
      throw new AppError("UNPROCESSABLE", `Unknown tools on ${server.slug}: ${missing.join(", ")}`, {
        tools: `Unknown: ${missing.join(", ")}`,
      });
    const refused = server.tools.filter(
      (t) => server.allowedOperations.length > 0 && !operationAllowed(operationOf(t), server.allowedOperations),
    );
    if (refused.length)
      throw new AppError(
        "UNPROCESSABLE",
        `${server.slug}'s policy does not allow what ${refused.map((t) => t.name).join(", ")} do(es): ${refused.map(operationOf).join(", ")}`,
        { tools: `Not allowed by the server's policy: ${refused.map((t) => t.name).join(", ")}` },
      );
    const risk = RISK_ORDER[Math.max(...server.tools.map((t) => RISK_ORDER.indexOf(t.riskOverride ?? t.risk)))];
    const request = await tx.approvalRequest.create({
      data: {
        kind: "ACCESS_GRANT",
        agentId: agent.id,
        serverId: server.id,
        risk,
        reason: input.justification,
        requesterUserId: actor.id,
        requesterLabel: actor.email,
        access: { tools: input.tools, durationHours: input.durationHours, justification: input.justification },
        requiredApprovals: requiredApprovals(server, risk),
        expiresAt: new Date(now.getTime() + DEFAULT_ACCESS_TTL_DAYS * 86_400_000),
      },
    });
    await notifyApprovers(tx, request, { excludeUserIds: [actor.id, agent.ownerId, agent.registeredById] });
    await enqueueWebhooks(tx, "approval.requested", { ...request, server, agent });
    await recordAudit(tx, {
      actor: auditActor(actor),
      category: "APPROVAL",
      action: "approval.access_requested",
      target: { type: "ApprovalRequest", id: request.id },
      after: {
        agent: agent.clientId,
        server: server.slug,
        tools: input.tools,
        durationHours: input.durationHours,
        justification: input.justification,
      },
    });
    return request;
  });
}
