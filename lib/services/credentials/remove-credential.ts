import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, auditActor, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { registryChanged } from "@/lib/services/servers/internal/registry-changed";
import { loadWritableServer } from "@/lib/services/servers/server-access";

export async function removeCredential(actor: Actor, serverIdOrSlug: string, credentialId: string) {
  assertCan(actor, "servers.manage");
  return db().$transaction(async (tx) => {
    const server = await loadWritableServer(tx, actor, serverIdOrSlug);
    const credential = await tx.credentialRef.findFirst({ where: { id: credentialId, serverId: server.id } });
    if (!credential) throw new AppError("NOT_FOUND", "Credential reference not found on this server");
    await tx.credentialRef.delete({ where: { id: credential.id } });
    await registryChanged(tx, server.id);
    await recordAudit(tx, {
      actor: auditActor(actor),
      category: "ADMIN",
      action: "credential.removed",
      target: { type: "McpServer", id: server.id },
      before: { provider: credential.provider, reference: credential.reference, kind: credential.kind },
    });
    return { ok: true };
  });
}
