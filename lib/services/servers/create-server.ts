import { recordAdminAudit } from "@/lib/services/audited-write";
import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/schemas/parse";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { ZCreateServerInput, type TCreateServerInput } from "@/lib/schemas/server";
import { assertOwnersExist } from "./server-owners";
import { registryChanged } from "./shared/registry-changed";

export async function createServer(actor: Actor, raw: TCreateServerInput) {
  assertCan(actor, "servers.create");
  const input = parseWith(ZCreateServerInput, raw, "server");
  return db().$transaction(async (tx) => {
    if (await tx.mcpServer.findUnique({ where: { slug: input.slug }, select: { id: true } })) {
      throw new AppError("CONFLICT", `A server with slug ${input.slug} already exists`, { slug: "Already in use" });
    }
    await assertOwnersExist(tx, input);
    const server = await tx.mcpServer.create({ data: { ...input, status: "DRAFT" } });
    await registryChanged(tx, server.id);
    await recordAdminAudit(tx, actor, "server.created", { target: { type: "McpServer", id: server.id }, after: input });
    return server;
  });
}
