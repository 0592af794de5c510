import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/authz/actor";
import type { Tx } from "@/lib/db/tx";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/schemas/safe-input";

/**
 * The servers an actor may change: all for ADMIN (and the operator's CLI), their own teams' for an
 * OWNER. Used as a Prisma `where`, so a server outside the scope is simply "not found".
 */
export async function writableServerWhere(tx: Tx, actor: Actor): Promise<Prisma.McpServerWhereInput> {
  if (actor.type === "SYSTEM") return {};
  if (actor.type === "TOKEN") return actor.scopes.includes("manifest") ? {} : { id: { in: [] } };
  if (actor.roles.includes("ADMIN")) return {};
  if (!actor.roles.includes("OWNER")) return { id: { in: [] } };
  const teams = await tx.teamMember.findMany({ where: { userId: actor.id }, select: { teamId: true } });
  return { ownerTeamId: { in: teams.map((t) => t.teamId) } };
}

/** Loads a server the actor may change, by id or slug, or fails with 404. */
export async function loadWritableServer(tx: Tx, actor: Actor, idOrSlug: string) {
  const scope = await writableServerWhere(tx, actor);
  const key = isUuid(idOrSlug) ? { id: idOrSlug } : { slug: idOrSlug };
  const server = await tx.mcpServer.findFirst({ where: { AND: [scope, key] } });
  if (!server) throw new AppError("NOT_FOUND", "Server not found, or not one your team owns");
  return server;
}

/** Lock the server row so concurrent registry writes on one server serialise. */
export async function lockServer(tx: Tx, serverId: string) {
  await tx.$queryRaw`SELECT id FROM "McpServer" WHERE id = ${serverId}::uuid FOR UPDATE`;
}
