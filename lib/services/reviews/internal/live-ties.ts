import type { Tx } from "@/lib/db/tx";
import { barredUserIds, collectConflicts, type Conflict, type ConflictKind } from "@/lib/reviews/conflicts";

type Item = {
  kind: string;
  grantId: string | null;
  serverId: string;
  conflicts: unknown;
  conflictUserIds: string[];
  campaign: { allowOwnerSelfReview: boolean };
};

/**
 * The items with the ties frozen at the start joined by today's: whoever has since become the agent's
 * owner or the server's primary owner (say, by handing the agent to themselves mid-campaign) is tied as
 * well, so a decision or reassignment is checked against both. Unless the campaign allows self-review,
 * everyone tied is barred.
 */
export async function withLiveTies<T extends Item>(tx: Tx, items: T[]): Promise<T[]> {
  const grantIds = items.map((i) => i.grantId).filter((g): g is string => g !== null);
  const [grants, servers] = await Promise.all([
    tx.grant.findMany({
      where: { id: { in: grantIds } },
      select: { id: true, grantedById: true, agent: { select: { ownerId: true, registeredById: true } } },
    }),
    tx.mcpServer.findMany({
      where: { id: { in: [...new Set(items.map((i) => i.serverId))] } },
      select: { id: true, primaryOwnerId: true },
    }),
  ]);
  const grant = new Map(grants.map((g) => [g.id, g]));
  const owner = new Map(servers.map((s) => [s.id, s.primaryOwnerId]));
  return items.map((i) => {
    const frozen = (Array.isArray(i.conflicts) ? i.conflicts : []) as Conflict[];
    const pairs: [string | null | undefined, ConflictKind][] = frozen.flatMap((c) =>
      c.kinds.map((k): [string, ConflictKind] => [c.userId, k]),
    );
    const g = i.grantId ? grant.get(i.grantId) : undefined;
    if (i.kind === "GRANT" && g)
      pairs.push([g.agent.ownerId, "owner"], [g.agent.registeredById, "registrar"], [g.grantedById, "grantor"]);
    if (i.kind !== "GRANT") pairs.push([owner.get(i.serverId), "server_owner"]);
    const conflicts = collectConflicts(pairs);
    const barred = barredUserIds(conflicts, i.campaign.allowOwnerSelfReview);
    return { ...i, conflicts, conflictUserIds: [...new Set([...i.conflictUserIds, ...barred])] };
  });
}
