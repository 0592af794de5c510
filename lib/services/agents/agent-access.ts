import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/permissions";
import type { Tx } from "@/lib/db/tx";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Agents an actor may change: all with "agents.manage.any" (ADMIN, the operator's CLI), those of their
 * teams or owned by them with "agents.manage" alone (OWNER).
 */
export async function writableAgentWhere(tx: Tx, actor: Actor): Promise<Prisma.AgentWhereInput> {
  if (can(actor, "agents.manage.any")) return {};
  if (actor.type !== "USER" || !can(actor, "agents.manage")) return { id: { in: [] } };
  const teams = await tx.teamMember.findMany({ where: { userId: actor.id }, select: { teamId: true } });
  return { OR: [{ ownerId: actor.id }, { teamId: { in: teams.map((t) => t.teamId) } }] };
}

export async function loadWritableAgent(tx: Tx, actor: Actor, agentId: string) {
  const agent = await tx.agent.findFirst({ where: { AND: [await writableAgentWhere(tx, actor), { id: agentId }] } });
  if (!agent) throw new AppError("NOT_FOUND", "Agent not found, or not one your team owns");
  return agent;
}
