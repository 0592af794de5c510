import type { Tx } from "@/lib/db/tx";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TReviewScope } from "@/lib/schemas/review";

/** The servers a scope covers: every server not retired, filtered by environment, classification and team. */
export function scopeServerWhere(scope: TReviewScope): Prisma.McpServerWhereInput {
  return {
    status: { not: "RETIRED" },
    ...(scope.environments.length ? { environment: { in: scope.environments } } : {}),
    ...(scope.classifications.length ? { dataClassification: { in: scope.classifications } } : {}),
    ...(scope.teamIds.length ? { ownerTeamId: { in: scope.teamIds } } : {}),
  };
}

export const scopeServers = (tx: Tx, scope: TReviewScope) =>
  tx.mcpServer.findMany({
    where: scopeServerWhere(scope),
    orderBy: { slug: "asc" },
    include: {
      primaryOwner: { select: { email: true, disabled: true } },
      ownerTeam: { select: { slug: true } },
    },
  });
