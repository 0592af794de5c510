import { DEFAULT_TOOL_CALL_TTL_MINUTES, requiredApprovals } from "@/lib/approvals/rules";
import { decisionBatcher } from "./decision-batcher";
import type { AuditInput } from "@/lib/audit/record-audit";
import { redact } from "@/lib/redaction/redact";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Granted } from "@/lib/policy/decide";
import { notifyApprovers } from "@/lib/services/approvals/shared/notify";
import { enqueueWebhooks } from "@/lib/services/webhooks/shared/enqueue-webhooks";
import type { UserSource } from "@/lib/schemas/user-source";

export type ApprovalOutcome = { decision: "allow" | "pending"; approvalId: string; expiresAt?: Date };

/**
 * For a call that needs a human: consume a matching APPROVED request (single use), else return the
 * identical PENDING one, else open a new one. The key is agent, server, tool, argument hash, policy
 * version and the person the call is for (and the session, when the server requires an active one),
 * so an approval never covers other arguments, a changed policy or somebody else. The decision's
 * audit record commits in the same (group-committed) transaction.
 */
export async function requestToolApproval(
  e: Granted,
  call: {
    tool: string;
    arguments: Record<string, unknown>;
    argsHash: string;
    onBehalfOf?: string;
    userSource: UserSource;
    sessionId?: string;
    decisionId: string;
  },
  audit: (outcome: ApprovalOutcome) => AuditInput,
  now = new Date(),
): Promise<ApprovalOutcome> {
  const onBehalfOf = call.onBehalfOf ? call.onBehalfOf.toLowerCase() : null;
  const sessionBound = e.server.requiresActiveSession;
  const sessionId = call.sessionId ?? null;
  const key = {
    kind: "TOOL_CALL" as const,
    agentId: e.agent.id,
    serverId: e.server.id,
    toolName: call.tool,
    argsHash: call.argsHash,
    policyVersion: e.server.policyVersion,
    onBehalfOf,
  };
  // Each clause is bound in every lookup below: leaving one out lets one person's approval serve another.
  const matches = Prisma.sql`kind = 'TOOL_CALL' AND "agentId" = ${key.agentId}::uuid AND "serverId" = ${key.serverId}::uuid
    AND "toolName" = ${key.toolName} AND "argsHash" = ${key.argsHash} AND "policyVersion" = ${key.policyVersion}
    AND "onBehalfOf" IS NOT DISTINCT FROM ${onBehalfOf}
    AND (${!sessionBound} OR "sessionId" IS NOT DISTINCT FROM ${sessionId}) AND "expiresAt" > ${now}`;
  return decisionBatcher.runAudited(async (tx) => {
    await tx.$executeRawUnsafe(
      `SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext($1))) AS l`,
      `${key.agentId}:${key.serverId}:${key.toolName}:${key.argsHash}:${onBehalfOf ?? ""}`,
    );
    let outcome: ApprovalOutcome;
    // One statement consumes a live approval, if there is one: single use even under concurrency.
    const [consumed] = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "ApprovalRequest" SET status = 'CONSUMED', "consumedAt" = ${now}, "consumedByDecision" = ${call.decisionId}
      WHERE id = (SELECT id FROM "ApprovalRequest" WHERE ${matches} AND status = 'APPROVED'
                  ORDER BY "createdAt" LIMIT 1 FOR UPDATE)
      RETURNING id::text`;
    if (consumed) {
      outcome = { decision: "allow", approvalId: consumed.id };
    } else {
      const [pending] = await tx.$queryRaw<{ id: string; expiresAt: Date }[]>`
        SELECT id::text, "expiresAt" FROM "ApprovalRequest" WHERE ${matches} AND status = 'PENDING' LIMIT 1`;
      if (pending) {
        outcome = { decision: "pending", approvalId: pending.id, expiresAt: new Date(pending.expiresAt) };
      } else {
        // Only a verified user is the requester: an agent's word never bars an approver from voting.
        const requester =
          onBehalfOf && call.userSource === "verified"
            ? await tx.user.findUnique({ where: { email: onBehalfOf }, select: { id: true } })
            : null;
        const created = await tx.approvalRequest.create({
          data: {
            ...key,
            risk: e.tool.risk as "HIGH",
            reason: e.reasons[0],
            requesterUserId: requester?.id,
            requesterLabel: call.onBehalfOf ?? e.agent.clientId,
            userSource: call.userSource,
            sessionId: call.sessionId,
            argsRedacted: redact(call.arguments, e.grant.deniedFields) as Prisma.InputJsonValue,
            requiredApprovals: requiredApprovals(e.server, e.tool.risk),
            createdAt: now,
            expiresAt: new Date(
              now.getTime() + (e.server.approvalTtlMinutes ?? DEFAULT_TOOL_CALL_TTL_MINUTES) * 60_000,
            ),
          },
        });
        await notifyApprovers(tx, created, {
          excludeUserIds: [requester?.id, e.agent.ownerId, e.agent.registeredById],
        });
        await enqueueWebhooks(tx, "approval.requested", {
          ...created,
          server: { slug: e.server.slug },
          agent: { clientId: e.agent.clientId },
        });
        outcome = { decision: "pending", approvalId: created.id, expiresAt: created.expiresAt };
      }
    }
    return {
      result: outcome,
      audit: audit(outcome),
      rollup: { at: now, server: e.server.slug, outcome: outcome.decision, rule: e.rule },
    };
  });
}
