import { recordAdminAudit } from "@/lib/services/audited-write";
import { parseWith } from "@/lib/schemas/parse";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { ZCreateCredentialInput, type TCreateCredentialInput } from "@/lib/schemas/credential";
import { sweepRotationFindings } from "@/lib/services/findings/sweep-rotation-findings";
import { registryChanged } from "@/lib/services/servers/shared/registry-changed";
import { loadWritableServer } from "@/lib/services/servers/server-access";

/** Registers where a server's secret lives. The schema refuses secret values before anything is stored. */
export async function addCredential(actor: Actor, serverIdOrSlug: string, raw: TCreateCredentialInput) {
  assertCan(actor, "servers.manage");
  const input = parseWith(ZCreateCredentialInput, raw, "credential reference");
  return db().$transaction(async (tx) => {
    const server = await loadWritableServer(tx, actor, serverIdOrSlug);
    const credential = await tx.credentialRef.create({ data: { ...input, serverId: server.id } });
    await registryChanged(tx, server.id);
    await recordAdminAudit(tx, actor, "credential.added", {
      target: { type: "McpServer", id: server.id },
      after: {
        provider: input.provider,
        reference: input.reference,
        kind: input.kind,
        rotationDays: input.rotationDays,
        environment: input.environment,
      },
    });
    // A reference registered with an old rotation date is overdue from its first minute. (After the
    // audit record: the chain lock comes before any findings row, as in ingest, so they cannot deadlock.)
    await sweepRotationFindings(tx, new Date(), { credentialId: credential.id });
    return credential;
  });
}
