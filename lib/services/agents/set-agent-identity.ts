import { AppError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { ZAgentIdentityInput, type TAgentIdentityInput } from "@/lib/schemas/agent";
import { parseWith } from "@/lib/schemas/parse";
import { recordAdminAudit } from "@/lib/services/audited-write";
import { registryChanged } from "@/lib/services/servers/shared/registry-changed";
import { loadWritableAgent } from "./agent-access";

/**
 * Sets how an agent is known at a gateway: the OAuth client id its access tokens carry (unique across
 * agents), and whether its static credentials may assert the user they act for. Audited with the values
 * before and after; gateways learn of it with the next policy bundle.
 */
export async function setAgentIdentity(actor: Actor, agentId: string, raw: TAgentIdentityInput) {
  assertCan(actor, "agents.manage");
  const input = parseWith(ZAgentIdentityInput, raw, "agent identity");
  return db().$transaction(async (tx) => {
    const agent = await loadWritableAgent(tx, actor, agentId);
    if (input.oauthClientId) {
      const other = await tx.agent.findUnique({ where: { oauthClientId: input.oauthClientId }, select: { id: true } });
      if (other && other.id !== agent.id)
        throw new AppError("CONFLICT", `Another agent already has OAuth client id ${input.oauthClientId}`, {
          oauthClientId: "Already in use",
        });
    }
    const before = { oauthClientId: agent.oauthClientId, assertsUsers: agent.assertsUsers };
    const after = {
      oauthClientId: input.oauthClientId === undefined ? agent.oauthClientId : input.oauthClientId,
      assertsUsers: input.assertsUsers ?? agent.assertsUsers,
    };
    if (before.oauthClientId === after.oauthClientId && before.assertsUsers === after.assertsUsers) return agent;
    const updated = await tx.agent.update({ where: { id: agent.id }, data: after });
    await registryChanged(tx);
    await recordAdminAudit(tx, actor, "agent.identity.changed", {
      target: { type: "Agent", id: agent.id },
      before,
      after,
    });
    return updated;
  });
}
