import { assertCan, type UserActor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";

const TAKE = 8;

/**
 * An owner's own corner of the organisation, for the top of their dashboard: the servers they or their
 * teams own, what waits on them (open review items assigned to them or their team, approval requests on
 * their servers or agents, or their own), and open findings about their servers and agents, most severe
 * first. A read only.
 */
export async function getMyOverview(actor: UserActor, now = new Date()) {
  assertCan(actor, "dashboard.read");
  const p = db();
  const teamIds = (await p.teamMember.findMany({ where: { userId: actor.id }, select: { teamId: true } })).map(
    (t) => t.teamId,
  );
  const [servers, agents] = await Promise.all([
    p.mcpServer.findMany({
      where: { OR: [{ ownerTeamId: { in: teamIds } }, { primaryOwnerId: actor.id }] },
      select: { id: true, slug: true, name: true, status: true, environment: true },
      orderBy: { name: "asc" },
    }),
    p.agent.findMany({
      where: { OR: [{ ownerId: actor.id }, { teamId: { in: teamIds } }] },
      select: { id: true, clientId: true, name: true },
    }),
  ]);
  const serverIds = servers.map((s) => s.id);
  const keys = [...servers.map((s) => s.slug), ...agents.map((a) => a.clientId)];
  const [approvals, reviewItems, findings] = await Promise.all([
    can(actor, "approvals.read")
      ? p.approvalRequest.findMany({
          where: {
            status: "PENDING",
            expiresAt: { gt: now },
            OR: [
              { requesterUserId: actor.id },
              { serverId: { in: serverIds } },
              { agentId: { in: agents.map((a) => a.id) } },
            ],
          },
          select: {
            id: true,
            kind: true,
            toolName: true,
            createdAt: true,
            server: { select: { slug: true } },
            agent: { select: { clientId: true } },
          },
          orderBy: { createdAt: "desc" },
          take: TAKE,
        })
      : [],
    can(actor, "reviews.read")
      ? p.reviewItem.findMany({
          where: {
            status: "OPEN",
            campaign: { status: "ACTIVE" },
            OR: [{ assigneeId: actor.id }, { assigneeId: null, assigneeTeamId: { in: teamIds } }],
          },
          select: { id: true, campaignId: true, kind: true, serverSlug: true, agentClientId: true },
          take: TAKE,
        })
      : [],
    can(actor, "findings.read") && keys.length
      ? p.finding.findMany({
          where: {
            status: "OPEN",
            OR: keys.flatMap((k) => [
              { entityKey: k },
              { entityKey: { startsWith: `${k}:` } },
              { entityKey: { contains: `:${k}` } },
            ]),
          },
          select: { id: true, title: true, severity: true, entityKey: true, lastSeenAt: true },
          orderBy: [{ severity: "desc" }, { lastSeenAt: "desc" }],
          take: TAKE,
        })
      : [],
  ]);
  return { servers, approvals, reviewItems, findings };
}

export type MyOverview = Awaited<ReturnType<typeof getMyOverview>>;
