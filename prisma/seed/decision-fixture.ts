import { systemActor, type TokenActor, type UserActor } from "@/lib/authz/actor";
import type { Role } from "@/lib/generated/prisma/enums";
import { createGrant } from "@/lib/services/grants/create-grant";
import { changeServerStatus } from "@/lib/services/servers/change-server-status";
import { reviewTool } from "@/lib/services/tools/review-tool";
import { db } from "@/lib/db/client";
import { seedTeam, seedUser } from "./factories";
import { seedAgent, seedServer, seedTools, tool } from "./registry-factories";

const seeder = systemActor("seed");
export const gateway: TokenActor = {
  type: "TOKEN",
  id: "00000000-0000-0000-0000-0000000000aa",
  name: "test-gateway",
  scopes: ["decide"],
};

const asActor = (u: { id: string; email: string; name: string; roles: Role[] }): UserActor => ({ type: "USER", ...u });

/**
 * An ACTIVE DEV server with a LOW read tool and a HIGH tool that needs approval, an agent owned by
 * `owner`, a grant covering both, and three approvers: the world most decision tests need.
 */
export async function seedDecisionWorld(options: { restricted?: boolean } = {}) {
  const team = await seedTeam();
  const owner = await seedUser({ roles: ["OWNER", "APPROVER"], teamIds: [team.id] });
  const approvers = await Promise.all([1, 2, 3].map(() => seedUser({ roles: ["APPROVER"] })));
  const requester = await seedUser({ roles: ["APPROVER", "OWNER"] });
  const server = await seedServer({
    environment: "DEV",
    ownerTeamId: team.id,
    rateLimitPerMinute: 1000,
    dataClassification: options.restricted ? "RESTRICTED" : "INTERNAL",
  });
  await seedTools(server.slug, [tool("query_records", { annotations: { readOnlyHint: true } }), tool("update_record")]);
  for (const t of await db().tool.findMany({ where: { serverId: server.id } }))
    await reviewTool(seeder, t.id, { definitionHash: t.definitionHash });
  const agent = await seedAgent({ ownerId: owner.id, teamId: team.id });
  const grant = await createGrant(seeder, {
    agentId: agent.id,
    serverId: server.id,
    allowedTools: ["query_records", "update_record"],
    allowedOperations: ["read", "write"],
    deniedFields: ["SSN__c"],
    maxRecords: 100,
  });
  await changeServerStatus(seeder, server.id, { status: "PENDING_APPROVAL" });
  await changeServerStatus(seeder, server.id, { status: "ACTIVE" });
  return {
    team,
    owner: asActor(owner),
    approvers: approvers.map(asActor),
    requester: asActor(requester),
    server,
    agent,
    grant,
  };
}
