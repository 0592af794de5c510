import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/authz/actor";
import type { Tx } from "@/lib/db/tx";
import { writableServerWhere } from "@/lib/services/servers/server-access";

/** A tool on a server the actor may change, or 404: the server scope is part of the query. */
export async function loadWritableTool(tx: Tx, actor: Actor, toolId: string) {
  const tool = await tx.tool.findFirst({ where: { id: toolId, server: await writableServerWhere(tx, actor) } });
  if (!tool) throw new AppError("NOT_FOUND", "Tool not found, or not on a server your team owns");
  return tool;
}
