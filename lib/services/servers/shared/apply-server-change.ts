import type { Tx } from "@/lib/db/tx";
import type { Prisma } from "@/lib/generated/prisma/client";
import { providerOfPath } from "@/lib/policy/server-policy";
import { registryChanged } from "./registry-changed";

/** A change to a server: its fields, and from a policy document, its first credential reference. */
export type ServerChange = {
  fields: Prisma.McpServerUncheckedUpdateInput;
  credential?: { vault_path: string; rotation_days: number; dynamic_secret: boolean };
};

/**
 * Writes a server change and bumps the policy version, without any check: for callers that have
 * decided it may apply (an allowed edit, or an approved POLICY_CHANGE request).
 */
export async function applyServerChange(tx: Tx, serverId: string, change: ServerChange) {
  const server = await tx.mcpServer.update({ where: { id: serverId }, data: change.fields });
  const c = change.credential;
  if (c) {
    const credential = await tx.credentialRef.findFirst({ where: { serverId }, orderBy: { createdAt: "asc" } });
    const data = {
      reference: c.vault_path,
      rotationDays: c.rotation_days,
      dynamicSecret: c.dynamic_secret,
      provider: providerOfPath(c.vault_path),
    };
    if (credential) await tx.credentialRef.update({ where: { id: credential.id }, data });
    else
      await tx.credentialRef.create({ data: { ...data, serverId, kind: "API_KEY", environment: server.environment } });
  }
  const policyVersion = await registryChanged(tx, serverId);
  return { ...server, policyVersion: policyVersion ?? server.policyVersion };
}
