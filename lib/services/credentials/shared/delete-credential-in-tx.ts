import { recordAdminAudit } from "@/lib/services/audited-write";
import type { Actor } from "@/lib/authz/actor";
import type { Tx } from "@/lib/db/tx";
import type { CredentialRef } from "@/lib/generated/prisma/client";
import { registryChanged } from "@/lib/services/servers/shared/registry-changed";

/** Removes a credential reference inside the caller's transaction, audited; returns the audit record. */
export async function deleteCredentialInTx(
  tx: Tx,
  actor: Actor,
  credential: Pick<CredentialRef, "id" | "serverId" | "provider" | "reference" | "kind">,
  attributes?: Record<string, unknown>,
) {
  await tx.credentialRef.delete({ where: { id: credential.id } });
  await registryChanged(tx, credential.serverId);
  const [record] = await recordAdminAudit(tx, actor, "credential.removed", {
    target: { type: "McpServer", id: credential.serverId },
    before: { provider: credential.provider, reference: credential.reference, kind: credential.kind },
    attributes,
  });
  return record;
}
