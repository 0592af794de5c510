import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import type { AgentCredentialView } from "@/lib/schemas/agent-credential";

/** An agent's credentials, newest first: names and prefixes, never a secret or its hash. */
export async function listAgentCredentials(actor: Actor, agentId: string): Promise<AgentCredentialView[]> {
  assertCan(actor, "agents.read");
  return db().agentCredential.findMany({
    where: { agentId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, revokedAt: true },
  });
}
