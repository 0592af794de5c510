import { AppError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { loadServerAggregate } from "./load-server-aggregate";
import { writableServerWhere } from "./server-access";

/** Everyone who may read servers sees every server; `canEdit` says whether this actor may change it. */
export async function getServer(actor: Actor, slug: string) {
  assertCan(actor, "servers.read");
  const server = await loadServerAggregate(db(), { slug });
  if (!server) throw new AppError("NOT_FOUND", "Server not found");
  const canEdit =
    (await db().mcpServer.count({ where: { AND: [await writableServerWhere(db(), actor), { id: server.id }] } })) === 1;
  return { ...server, canEdit };
}

export type ServerDetail = Awaited<ReturnType<typeof getServer>>;
