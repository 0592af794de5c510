import { recordAdminAudit } from "@/lib/services/audited-write";
import { parseWith } from "@/lib/schemas/parse";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { AGENT_SECRET_PREFIX, newSecret } from "@/lib/crypto/prefixed-secret";
import { db } from "@/lib/db/client";
import { ZIssueAgentCredentialInput, type TIssueAgentCredentialInput } from "@/lib/schemas/agent-credential";
import { loadWritableAgent } from "@/lib/services/agents/agent-access";
import { registryChanged } from "@/lib/services/servers/shared/registry-changed";

/**
 * Issues a credential an agent presents to Warden gateways. The secret is returned once and never
 * stored; the registry version moves so gateways pick the new hash up with their next bundle.
 */
export async function issueAgentCredential(actor: Actor, agentId: string, raw: TIssueAgentCredentialInput = {}) {
  assertCan(actor, "agents.manage");
  const input = parseWith(ZIssueAgentCredentialInput, raw, "credential");
  const { secret, secretHash, prefix } = newSecret(AGENT_SECRET_PREFIX);
  return db().$transaction(async (tx) => {
    const agent = await loadWritableAgent(tx, actor, agentId);
    const row = await tx.agentCredential.create({
      data: {
        agentId: agent.id,
        name: input.name,
        prefix,
        secretHash,
        createdById: actor.type === "USER" ? actor.id : null,
      },
      select: { id: true, name: true, prefix: true, createdAt: true, revokedAt: true },
    });
    await registryChanged(tx);
    await recordAdminAudit(tx, actor, "agent.credential.issued", {
      target: { type: "Agent", id: agent.id },
      after: { credentialId: row.id, name: row.name, prefix },
    });
    return { ...row, agent: agent.clientId, secret };
  });
}
