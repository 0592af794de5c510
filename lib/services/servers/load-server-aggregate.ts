import type { Tx } from "@/lib/db/tx";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { credentialFlags } from "@/lib/registry/credential-flags";
import { computeReadiness } from "@/lib/registry/readiness";

/** A server with everything its detail page, readiness and flags need, in three queries. */
export async function loadServerAggregate(
  client: Tx | PrismaClient,
  where: { id: string } | { slug: string },
  now = new Date(),
) {
  const server = await client.mcpServer.findUnique({
    where: "id" in where ? { id: where.id } : { slug: where.slug },
    include: {
      ownerTeam: { select: { id: true, slug: true, name: true } },
      primaryOwner: { select: { id: true, email: true, name: true } },
      credentials: { orderBy: { createdAt: "asc" } },
      tools: { orderBy: { name: "asc" } },
      grants: {
        orderBy: { createdAt: "desc" },
        include: { agent: { select: { id: true, name: true, clientId: true, status: true } } },
      },
    },
  });
  if (!server) return null;
  const refs = server.credentials.map((c) => c.reference);
  const others = refs.length
    ? await client.credentialRef.findMany({
        where: { reference: { in: refs }, serverId: { not: server.id } },
        select: { reference: true, server: { select: { slug: true } } },
      })
    : [];
  const sharedWith = (ref: string) => [...new Set(others.filter((o) => o.reference === ref).map((o) => o.server.slug))];
  const credentials = server.credentials.map((c) => ({
    ...c,
    flags: credentialFlags(c, server.environment, sharedWith(c.reference), now),
  }));
  const readiness = computeReadiness(
    {
      server,
      credentials: server.credentials,
      tools: server.tools,
      grants: server.grants,
      sharedReferences: [...new Set(others.map((o) => o.reference))],
    },
    now,
  );
  return { ...server, credentials, readiness };
}
