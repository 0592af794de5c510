import { recordAdminAudit } from "@/lib/services/audited-write";
import { AppError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { loadWritableAgent } from "@/lib/services/agents/agent-access";
import { registryChanged } from "@/lib/services/servers/shared/registry-changed";

/** Revokes an agent credential: gateways drop it with the next bundle (under a second). */
export async function revokeAgentCredential(actor: Actor, agentId: string, credentialId: string, now = new Date()) {
  assertCan(actor, "agents.manage");
  return db().$transaction(async (tx) => {
    const agent = await loadWritableAgent(tx, actor, agentId);
    const row = await tx.agentCredential.findFirst({ where: { id: credentialId, agentId: agent.id } });
    if (!row) throw new AppError("NOT_FOUND", "Credential not found");
    if (row.revokedAt) throw new AppError("CONFLICT", "This credential is already revoked");
    const revoked = await tx.agentCredential.update({
      where: { id: row.id },
      data: { revokedAt: now },
      select: { id: true, name: true, prefix: true, createdAt: true, revokedAt: true },
    });
    await registryChanged(tx);
    await recordAdminAudit(tx, actor, "agent.credential.revoked", {
      target: { type: "Agent", id: agent.id },
      before: { credentialId: row.id, name: row.name, prefix: row.prefix },
    });
    return revoked;
  });
}
