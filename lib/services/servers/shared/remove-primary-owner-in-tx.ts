import { recordAdminAudit } from "@/lib/services/audited-write";
import type { Actor } from "@/lib/authz/actor";
import type { Tx } from "@/lib/db/tx";
import { registryChanged } from "./registry-changed";

/** Clears a server's primary owner inside the caller's transaction (its team stays), audited. */
export async function removePrimaryOwnerInTx(
  tx: Tx,
  actor: Actor,
  server: { id: string; primaryOwnerId: string | null },
  attributes?: Record<string, unknown>,
) {
  await tx.mcpServer.update({ where: { id: server.id }, data: { primaryOwnerId: null } });
  await registryChanged(tx, server.id);
  const [record] = await recordAdminAudit(tx, actor, "server.owner_removed", {
    target: { type: "McpServer", id: server.id },
    before: { primaryOwnerId: server.primaryOwnerId },
    after: { primaryOwnerId: null },
    attributes,
  });
  return record;
}
