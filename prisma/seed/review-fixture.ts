import { systemActor, type UserActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { addCredential } from "@/lib/services/credentials/add-credential";
import { createGrant } from "@/lib/services/grants/create-grant";
import { ingestEvents } from "@/lib/services/ingest/ingest-events";
import { changeServerStatus } from "@/lib/services/servers/change-server-status";
import { reviewTool } from "@/lib/services/tools/review-tool";
import { seedTeam, seedUser } from "./factories";
import { seedAgent, seedServer, seedTools, tool } from "./registry-factories";

const seeder = systemActor("seed");
const DAY = 86_400_000;

export const asUser = (u: { id: string; email: string; name: string; roles: Role[] }): UserActor => ({
  type: "USER",
  ...u,
});

/**
 * An ACTIVE server owned by `owner` (team with `mate`), three agents and their grants: `used` (called
 * yesterday), `unused` (never called) and `selfGranted` (granted by the owner himself), plus a
 * credential reference overdue for rotation. The world most review tests need.
 */
export async function seedReviewWorld(now = new Date()) {
  const team = await seedTeam();
  const owner = asUser(await seedUser({ roles: ["OWNER"], teamIds: [team.id] }));
  const mate = asUser(await seedUser({ roles: ["OWNER"], teamIds: [team.id] }));
  const admin = asUser(await seedUser({ roles: ["ADMIN"] }));
  const auditor = asUser(await seedUser({ roles: ["AUDITOR"] }));
  const server = await seedServer({
    ownerTeamId: team.id,
    primaryOwnerId: owner.id,
    environment: "DEV",
    dataClassification: "INTERNAL",
  });
  await seedTools(server.slug, [tool("query_records", { annotations: { readOnlyHint: true } }), tool("update_record")]);
  for (const t of await db().tool.findMany({ where: { serverId: server.id } }))
    await reviewTool(seeder, t.id, { definitionHash: t.definitionHash });
  const [used, unused, selfAgent] = await Promise.all([seedAgent(), seedAgent(), seedAgent()]);
  const grant = (agentId: string, actor: UserActor | typeof seeder = seeder) =>
    createGrant(actor, {
      agentId,
      serverId: server.id,
      allowedTools: ["query_records", "update_record"],
      allowedOperations: ["read", "write"],
      maxRecords: 100,
      expiresAt: new Date(now.getTime() + 200 * DAY),
    });
  const usedGrant = await grant(used.id);
  const unusedGrant = await grant(unused.id);
  const selfGrant = await grant(selfAgent.id, owner);
  const credential = await addCredential(seeder, server.id, {
    provider: "HASHICORP_VAULT",
    reference: `secret/data/${server.slug}/api`,
    kind: "API_KEY",
    rotationDays: 90,
    lastRotatedAt: new Date(now.getTime() - 200 * DAY),
    environment: "DEV",
  });
  await changeServerStatus(seeder, server.id, { status: "PENDING_APPROVAL" });
  await changeServerStatus(seeder, server.id, { status: "ACTIVE" });
  await ingestEvents(systemActor("gateway"), [
    {
      timestamp: new Date(now.getTime() - DAY),
      server: server.slug,
      tool: "query_records",
      agent: used.clientId,
      outcome: "success",
      method: "tools/call",
    },
  ]);
  return {
    team,
    owner,
    mate,
    admin,
    auditor,
    server,
    used,
    unused,
    selfAgent,
    usedGrant,
    unusedGrant,
    selfGrant,
    credential,
  };
}
export type ReviewWorld = Awaited<ReturnType<typeof seedReviewWorld>>;
