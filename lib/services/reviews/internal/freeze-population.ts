import type { Tx } from "@/lib/db/tx";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ReviewItemKind } from "@/lib/generated/prisma/enums";
import { assignReviewer, type Member } from "@/lib/reviews/assignment";
import { barredUserIds, collectConflicts, type ConflictKind } from "@/lib/reviews/conflicts";
import { populationHash, snapshotHash } from "@/lib/reviews/population-hash";
import { credentialRecommendations, grantRecommendations, type Recommendation } from "@/lib/reviews/recommendations";
import { credentialRotation, credentialSnapshot, grantSnapshot, ownershipSnapshot } from "@/lib/reviews/snapshots";
import type { TReviewScope } from "@/lib/schemas/review";
import { grantActivity } from "./activity";
import { scopeServers } from "./scope-servers";

export type FrozenItem = Omit<Prisma.ReviewItemCreateManyInput, "campaignId"> & { kind: ReviewItemKind };

/** Who registered each server and credential reference, from the audit log (the registry keeps no such column). */
async function registrants(tx: Tx, serverIds: string[]) {
  const rows = await tx.$queryRaw<{ action: string; server: string; reference: string | null; actor: string }[]>`
    SELECT DISTINCT ON (action, "targetId", after->>'reference') action, "targetId" AS server, after->>'reference' AS reference, "actorId" AS actor
    FROM "AuditEvent"
    WHERE action IN ('server.created', 'credential.added') AND "targetType" = 'McpServer' AND "actorType" = 'USER'
      AND "targetId" IN (SELECT json_array_elements_text(${JSON.stringify(serverIds)}::json))
    ORDER BY action, "targetId", after->>'reference', sequence DESC`;
  const server = new Map(rows.filter((r) => r.action === "server.created").map((r) => [r.server, r.actor]));
  const credential = new Map(
    rows.filter((r) => r.action === "credential.added").map((r) => [`${r.server}:${r.reference}`, r.actor]),
  );
  return {
    server: (id: string) => server.get(id),
    credential: (id: string, ref: string) => credential.get(`${id}:${ref}`),
  };
}

/**
 * The population of a scope as of `now`: every active grant, credential reference and server
 * ownership, each with its frozen content, recommendations from the audit log, the ties people have to
 * it (lib/reviews/conflicts) and its reviewer: nobody tied to an item reviews it unless
 * `allowSelfReview`. Writes nothing; returns the items, the population hash and the query parameters.
 */
export async function freezePopulation(
  tx: Tx,
  scope: TReviewScope,
  now: Date,
  { allowSelfReview }: { allowSelfReview: boolean },
) {
  const servers = await scopeServers(tx, scope);
  const serverIds = servers.map((s) => s.id);
  const [grants, credentials, members, admins, who, activity] = await Promise.all([
    tx.grant.findMany({
      where: { serverId: { in: serverIds }, status: "ACTIVE", OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      include: {
        agent: { select: { clientId: true, name: true, ownerId: true, registeredById: true } },
        server: { select: { slug: true } },
        grantedBy: { select: { email: true } },
      },
      orderBy: { id: "asc" },
    }),
    tx.credentialRef.findMany({
      where: { serverId: { in: serverIds } },
      include: { server: { select: { slug: true } } },
      orderBy: { id: "asc" },
    }),
    tx.teamMember.findMany({
      where: { teamId: { in: servers.map((s) => s.ownerTeamId).filter((t): t is string => t !== null) } },
      include: { user: { select: { id: true, email: true, roles: true, disabled: true } } },
    }),
    // The ADMIN pool. Raw SQL: the PGlite adapter cannot bind an enum array filter.
    tx.$queryRaw<
      Member[]
    >`SELECT id, email, roles::text[] AS roles, disabled FROM "User" WHERE NOT disabled AND 'ADMIN' = ANY(roles)`,
    registrants(tx, serverIds),
    grantActivity(
      tx,
      servers.map((s) => s.slug),
      now,
    ),
  ]);
  const teamMembers = (teamId: string | null): Member[] =>
    members.filter((m) => m.teamId === teamId).map((m) => m.user);
  const byId = new Map(servers.map((s) => [s.id, s]));
  const assign = (serverId: string, barred: string[]) => {
    const s = byId.get(serverId)!;
    return assignReviewer(
      {
        primaryOwner: s.primaryOwnerId && s.primaryOwner ? { id: s.primaryOwnerId, ...s.primaryOwner } : null,
        team: s.ownerTeamId && s.ownerTeam ? { id: s.ownerTeamId, slug: s.ownerTeam.slug } : null,
      },
      teamMembers(s.ownerTeamId),
      admins,
      barred,
    );
  };
  const item = (
    kind: ReviewItemKind,
    subjectKey: string,
    serverId: string,
    snapshot: object,
    ties: [string | null | undefined, ConflictKind][],
    recommendations: Recommendation[],
    extra: Partial<FrozenItem> = {},
  ): FrozenItem => {
    const conflicts = collectConflicts(ties);
    const conflictUserIds = barredUserIds(conflicts, allowSelfReview);
    return {
      kind,
      subjectKey,
      serverId,
      serverSlug: byId.get(serverId)!.slug,
      snapshot: snapshot as Prisma.InputJsonValue,
      snapshotHash: snapshotHash(snapshot),
      recommendations: recommendations as unknown as Prisma.InputJsonValue,
      conflictUserIds,
      conflicts: conflicts as unknown as Prisma.InputJsonValue,
      ...assign(serverId, conflictUserIds),
      ...extra,
    };
  };

  const items: FrozenItem[] = [
    ...grants.map((g) => {
      const snapshot = grantSnapshot(g);
      const used = activity(g.agent.clientId, g.server.slug);
      return item(
        "GRANT",
        `grant:${g.id}`,
        g.serverId,
        snapshot,
        [
          [g.agent.ownerId, "owner"],
          [g.agent.registeredById, "registrar"],
          [g.grantedById, "grantor"],
        ],
        grantRecommendations(snapshot, used, now),
        {
          grantId: g.id,
          agentClientId: g.agent.clientId,
          lastUsedAt: used.lastUsedAt,
        },
      );
    }),
    ...credentials.map((c) =>
      item(
        "CREDENTIAL",
        `credential:${c.id}`,
        c.serverId,
        credentialSnapshot(c, now),
        [
          [byId.get(c.serverId)!.primaryOwnerId, "server_owner"],
          [who.server(c.serverId), "registrar"],
          [who.credential(c.serverId, c.reference), "grantor"],
        ],
        credentialRecommendations(credentialRotation(c, now), now),
        { credentialId: c.id },
      ),
    ),
    ...servers.map((s) =>
      item(
        "OWNERSHIP",
        `ownership:${s.id}`,
        s.id,
        ownershipSnapshot(s),
        [
          [s.primaryOwnerId, "server_owner"],
          [who.server(s.id), "registrar"],
        ],
        [],
      ),
    ),
  ];
  const query = {
    asOf: now.toISOString(),
    scope,
    servers: { statusNot: "RETIRED", slugs: servers.map((s) => s.slug) },
    grants: { status: "ACTIVE", notExpiredAt: now.toISOString() },
    credentials: "every credential reference of the servers",
    ownership: "every server in scope",
    counts: { grants: grants.length, credentials: credentials.length, ownership: servers.length },
  };
  return { items, hash: populationHash(items), query };
}
