import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { ZAgentLimitsInput, type TAgentLimitsInput } from "@/lib/schemas/agent";
import { parseWith } from "@/lib/schemas/parse";
import { recordAdminAudit } from "@/lib/services/audited-write";
import { registryChanged } from "@/lib/services/servers/shared/registry-changed";
import { loadWritableAgent } from "./agent-access";

/**
 * Sets an agent's per-user limit (calls a minute per user it acts for) and its daily call budget (calls a UTC
 * day); null clears one. Audited with the values before and after in the same transaction; gateways learn of
 * it with the next policy bundle.
 */
export async function setAgentLimits(actor: Actor, agentId: string, raw: TAgentLimitsInput) {
  assertCan(actor, "agents.manage");
  const input = parseWith(ZAgentLimitsInput, raw, "agent limits");
  return db().$transaction(async (tx) => {
    const agent = await loadWritableAgent(tx, actor, agentId);
    const before = { userRateLimitPerMinute: agent.userRateLimitPerMinute, dailyCallBudget: agent.dailyCallBudget };
    const after = {
      userRateLimitPerMinute:
        input.userRateLimitPerMinute === undefined ? before.userRateLimitPerMinute : input.userRateLimitPerMinute,
      dailyCallBudget: input.dailyCallBudget === undefined ? before.dailyCallBudget : input.dailyCallBudget,
    };
    if (
      before.userRateLimitPerMinute === after.userRateLimitPerMinute &&
      before.dailyCallBudget === after.dailyCallBudget
    )
      return agent;
    const updated = await tx.agent.update({ where: { id: agent.id }, data: after });
    await registryChanged(tx);
    await recordAdminAudit(tx, actor, "agent.limits.changed", {
      target: { type: "Agent", id: agent.id },
      before,
      after,
    });
    return updated;
  });
}
