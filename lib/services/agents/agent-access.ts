import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/authz/actor";
import type { Tx } from "@/lib/db/tx";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Agents an actor may change: all for ADMIN, those of their teams or owned by them for an OWNER. */
export async function writableAgentWhere(tx: Tx, actor: Actor): Promise<Prisma.AgentWhereInput> {
  if (actor.type === "SYSTEM" || (actor.type === "USER" && actor.roles.includes("ADMIN"))) return {};
  if (actor.type !== "USER" || !actor.roles.includes("OWNER")) return { id: { in: [] } };
  const teams = await tx.teamMember.findMany({ where: { userId: actor.id }, select: { teamId: true } });
  return { OR: [{ ownerId: actor.id }, { teamId: { in: teams.map((t) => t.teamId) } }] };
}

export async function loadWritableAgent(tx: Tx, actor: Actor, agentId: string) {
  const agent = await tx.agent.findFirst({ where: { AND: [await writableAgentWhere(tx, actor), { id: agentId }] } });
  if (!agent) throw new AppError("NOT_FOUND", "Agent not found, or not one your team owns");
  return agent;
}
