import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/permissions";
import type { Tx } from "@/lib/db/tx";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/schemas/safe-input";

/**
 * The servers an actor may change: all with "servers.manage.any" (ADMIN, a manifest token, the
 * operator's CLI), their own teams' with "servers.manage" alone (OWNER). Used as a Prisma `where`, so a server outside the scope is simply "not found".
 */
export async function writableServerWhere(tx: Tx, actor: Actor): Promise<Prisma.McpServerWhereInput> {
  if (can(actor, "servers.manage.any")) return {};
  if (actor.type !== "USER" || !can(actor, "servers.manage")) return { id: { in: [] } };
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
