import type { Tx } from "@/lib/db/tx";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { registryNames } from "@/lib/registry/poisoning/registry-names";
import { scanToolDefinition, type PoisoningVerdict } from "@/lib/registry/poisoning/scan-tool-definition";

/** Scans a definition: a live or imported one as received, a stored one through `definitionOf`. */
export type PoisoningScanner = (definition: Record<string, unknown>) => PoisoningVerdict;

/**
 * Scanners for any server's tools from one query over the registry: naming another server or its tools
 * is a shadowing signal, naming the server's own tools is ordinary advice.
 */
export async function registryScanners(client: Tx | PrismaClient) {
  const servers = await client.mcpServer.findMany({
    select: { id: true, slug: true, name: true, tools: { select: { name: true } } },
  });
  return (serverId: string, alsoOwnTools: string[] = []): PoisoningScanner => {
    const own = servers.find((s) => s.id === serverId);
    const names = registryNames({
      siblings: [...(own?.tools.map((t) => t.name) ?? []), ...alsoOwnTools],
      otherServers: servers
        .filter((s) => s.id !== serverId)
        .map((s) => ({ slug: s.slug, name: s.name, tools: s.tools.map((t) => t.name) })),
    });
    return (definition) => scanToolDefinition(definition, names);
  };
}

/** The scanner for one server's tools, built once per import or page, then applied to every tool. */
export async function poisoningScanner(
  client: Tx | PrismaClient,
  serverId: string,
  alsoOwnTools: string[] = [],
): Promise<PoisoningScanner> {
  return (await registryScanners(client))(serverId, alsoOwnTools);
}
