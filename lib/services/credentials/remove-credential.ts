import { AppError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { loadWritableServer } from "@/lib/services/servers/server-access";
import { deleteCredentialInTx } from "./shared/delete-credential-in-tx";

export async function removeCredential(actor: Actor, serverIdOrSlug: string, credentialId: string) {
  assertCan(actor, "servers.manage");
  return db().$transaction(async (tx) => {
    const server = await loadWritableServer(tx, actor, serverIdOrSlug);
    const credential = await tx.credentialRef.findFirst({ where: { id: credentialId, serverId: server.id } });
    if (!credential) throw new AppError("NOT_FOUND", "Credential reference not found on this server");
    await deleteCredentialInTx(tx, actor, credential);
    return { ok: true };
  });
}
