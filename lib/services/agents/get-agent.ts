import { AppError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";

/** An agent and everything it can reach: each grant with its server and the tools it names. */
export async function getAgent(actor: Actor, agentId: string) {
  assertCan(actor, "agents.read");
  const agent = await db().agent.findUnique({
    where: { id: agentId },
    include: {
      owner: { select: { email: true, name: true } },
      team: { select: { name: true } },
      grants: {
        orderBy: { createdAt: "desc" },
        include: { server: { select: { slug: true, name: true, environment: true, status: true } } },
      },
    },
  });
  if (!agent) throw new AppError("NOT_FOUND", "Agent not found");
  return agent;
}

export type AgentDetail = Awaited<ReturnType<typeof getAgent>>;
