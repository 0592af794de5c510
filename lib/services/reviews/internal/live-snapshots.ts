import type { Tx } from "@/lib/db/tx";
import type { ReviewItem } from "@/lib/generated/prisma/client";
import { snapshotHash } from "@/lib/reviews/population-hash";
import type { Recommendation } from "@/lib/reviews/recommendations";
import { credentialSnapshot, grantSnapshot, ownershipSnapshot } from "@/lib/reviews/snapshots";

type Item = Pick<ReviewItem, "id" | "kind" | "grantId" | "credentialId" | "serverId" | "snapshotHash"> & {
  /** the campaign's start: credential rotation states are frozen as of it */
  startedAt: Date | null;
};

/**
 * Whether each item's live entitlement still matches what the campaign froze (a removed or revoked
 * one never does). Credential rotation states are taken as of the campaign start, as when frozen.
 */
export async function unchangedSince(tx: Tx, items: Item[]): Promise<Set<string>> {
  const ids = (k: "grantId" | "credentialId" | "serverId", kind: string) =>
    items.filter((i) => i.kind === kind).map((i) => i[k]!);
  const [grants, credentials, servers] = await Promise.all([
    tx.grant.findMany({
      where: { id: { in: ids("grantId", "GRANT") }, status: "ACTIVE" },
      include: {
        agent: { select: { clientId: true, name: true } },
        server: { select: { slug: true } },
        grantedBy: { select: { email: true } },
      },
    }),
    tx.credentialRef.findMany({
      where: { id: { in: ids("credentialId", "CREDENTIAL") } },
      include: { server: { select: { slug: true } } },
    }),
    tx.mcpServer.findMany({
      where: { id: { in: ids("serverId", "OWNERSHIP") } },
      include: { primaryOwner: { select: { email: true, disabled: true } }, ownerTeam: { select: { slug: true } } },
    }),
  ]);
  const live = new Map<string, string>([
    ...grants.map((g) => [`GRANT:${g.id}`, snapshotHash(grantSnapshot(g))] as const),
    ...servers.map((s) => [`OWNERSHIP:${s.id}`, snapshotHash(ownershipSnapshot(s))] as const),
  ]);
  const liveKey = (i: Item) =>
    `${i.kind}:${i.kind === "GRANT" ? i.grantId : i.kind === "CREDENTIAL" ? i.credentialId : i.serverId}`;
  const credential = new Map(credentials.map((c) => [c.id, c]));
  const hashOf = (i: Item) => {
    if (i.kind !== "CREDENTIAL") return live.get(liveKey(i));
    const c = credential.get(i.credentialId!);
    return c && snapshotHash(credentialSnapshot(c, i.startedAt ?? new Date()));
  };
  return new Set(items.filter((i) => hashOf(i) === i.snapshotHash).map((i) => i.id));
}

/** Bulk certification is for the quiet majority: unchanged since the start, used, nothing flagged. */
export const quietItem = (i: Pick<ReviewItem, "recommendations">) =>
  !(i.recommendations as Recommendation[]).some(
    (r) => r.code === "revoke" || r.code === "review" || r.code === "rotate",
  );
