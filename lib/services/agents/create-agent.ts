import { recordAdminAudit } from "@/lib/services/audited-write";
import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/schemas/parse";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import { ZCreateAgentInput, type TCreateAgentInput } from "@/lib/schemas/agent";
import { registryChanged } from "@/lib/services/servers/shared/registry-changed";

export async function createAgent(actor: Actor, raw: TCreateAgentInput) {
  assertCan(actor, "agents.manage");
  const input = parseWith(ZCreateAgentInput, raw, "agent");
  return db().$transaction(async (tx) => {
    if (await tx.agent.findUnique({ where: { clientId: input.clientId }, select: { id: true } })) {
      throw new AppError("CONFLICT", `An agent with client id ${input.clientId} already exists`, {
        clientId: "Already in use",
      });
    }
    if (actor.type === "USER" && !can(actor, "agents.manage.any")) {
      const mine = await tx.teamMember.count({ where: { userId: actor.id, teamId: input.teamId ?? "" } });
      if (!input.teamId || mine === 0)
        throw new AppError("FORBIDDEN", "OWNERs register agents for one of their own teams", {
          teamId: "Choose one of your teams",
        });
    }
    const agent = await tx.agent.create({
      data: {
        ...input,
        ownerId: input.ownerId ?? (actor.type === "USER" ? actor.id : undefined),
        // Kept apart from the owner: whoever registered an agent may not approve for it either.
        registeredById: actor.type === "USER" ? actor.id : undefined,
      },
    });
    await registryChanged(tx);
    await recordAdminAudit(tx, actor, "agent.created", { target: { type: "Agent", id: agent.id }, after: input });
    return agent;
  });
}
