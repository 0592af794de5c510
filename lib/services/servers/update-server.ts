import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/schemas/parse";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, auditActor, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { ZUpdateServerInput, type TUpdateServerInput } from "@/lib/schemas/server";
import { registryChanged } from "./internal/registry-changed";
import { loadWritableServer, lockServer } from "./server-access";
import { assertOwnersExist } from "./server-owners";

export async function updateServer(actor: Actor, idOrSlug: string, raw: TUpdateServerInput) {
  assertCan(actor, "servers.manage");
  const input = parseWith(ZUpdateServerInput, raw, "server change");
  return db().$transaction(async (tx) => {
    const before = await loadWritableServer(tx, actor, idOrSlug);
    await lockServer(tx, before.id);
    // An OWNER may not hand the server to a team they are not in: it would leave their scope.
    if (
      input.ownerTeamId &&
      input.ownerTeamId !== before.ownerTeamId &&
      actor.type === "USER" &&
      !actor.roles.includes("ADMIN")
    ) {
      throw new AppError("FORBIDDEN", "Only an ADMIN can move a server to another team");
    }
    const merged = { ...before, ...input };
    parseWith(
      ZUpdateServerInput,
      {
        transport: merged.transport,
        endpoint: merged.endpoint,
        hosting: merged.hosting,
        vendor: merged.vendor ?? undefined,
      },
      "server change",
    );
    await assertOwnersExist(tx, { ownerTeamId: merged.ownerTeamId, primaryOwnerId: merged.primaryOwnerId });
    const server = await tx.mcpServer.update({ where: { id: before.id }, data: input });
    await registryChanged(tx, server.id);
    const changed = Object.keys(input).filter(
      (k) => JSON.stringify(before[k as keyof typeof before]) !== JSON.stringify(server[k as keyof typeof server]),
    );
    await recordAudit(tx, {
      actor: auditActor(actor),
      category: "ADMIN",
      action: "server.updated",
      target: { type: "McpServer", id: server.id },
      before: Object.fromEntries(changed.map((k) => [k, before[k as keyof typeof before]])),
      after: Object.fromEntries(changed.map((k) => [k, server[k as keyof typeof server]])),
    });
    return server;
  });
}
