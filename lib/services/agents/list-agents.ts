import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";

export async function listAgents(actor: Actor) {
  assertCan(actor, "agents.read");
  const rows = await db().agent.findMany({
    orderBy: { name: "asc" },
    include: {
      owner: { select: { email: true } },
      team: { select: { name: true } },
      _count: { select: { grants: { where: { status: "ACTIVE" } } } },
    },
  });
  return rows.map(({ _count, ...a }) => ({ ...a, activeGrants: _count.grants }));
}

export type AgentRow = Awaited<ReturnType<typeof listAgents>>[number];
