import { hashCanonical } from "@/lib/crypto/sha256";
import { notifyRegistryChanged } from "@/lib/db/registry-signal";
import type { Tx } from "@/lib/db/tx";
import { registryStateChanged } from "@/lib/policy/snapshot-cache";

/**
 * Call after any change to what the decision engine reads. It recomputes the server's policy version
 * (a short hash of everything that decides a call on it, which approvals bind to) and bumps the
 * org-wide registry version that tells engines their snapshot is stale, announced (NOTIFY, at commit)
 * to every instance so their held bundle long polls answer at once.
 */
export async function registryChanged(tx: Tx, serverId?: string): Promise<string | undefined> {
  registryStateChanged();
  await tx.orgSettings.upsert({
    where: { id: 1 },
    create: { id: 1, registryVersion: 1 },
    update: { registryVersion: { increment: 1 } },
  });
  await notifyRegistryChanged(tx);
  if (!serverId) return undefined;
  const server = await tx.mcpServer.findUniqueOrThrow({
    where: { id: serverId },
    include: {
      tools: {
        orderBy: { name: "asc" },
        select: {
          name: true,
          approvedHash: true,
          status: true,
          enabled: true,
          suspendedReason: true,
          requiresApproval: true,
          risk: true,
          riskOverride: true,
          objectArgument: true,
          limitArgument: true,
          queryArgument: true,
        },
      },
      grants: {
        where: { status: "ACTIVE" },
        orderBy: { id: "asc" },
        select: {
          id: true,
          agentId: true,
          allowedTools: true,
          allowedOperations: true,
          allowedObjects: true,
          deniedFields: true,
          maxRecords: true,
          argumentRules: true,
          validFrom: true,
          expiresAt: true,
        },
      },
    },
  });
  const { policyVersion: _old, updatedAt: _u, createdAt: _c, description: _d, name: _n, ...decisive } = server;
  const version = hashCanonical(decisive).slice(0, 12);
  if (version !== server.policyVersion)
    await tx.mcpServer.update({ where: { id: serverId }, data: { policyVersion: version } });
  return version;
}
