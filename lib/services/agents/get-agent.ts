import { AppError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";

const DAYS = 30;

/**
 * An agent and everything it can reach (each grant with its server), and what it has been doing: when
 * it was last seen, calls per day, its recent calls and its findings, each shown to those who may read them.
 */
export async function getAgent(actor: Actor, agentId: string, now = new Date()) {
  assertCan(actor, "agents.read");
  const agent = await db().agent.findUnique({
    where: { id: agentId },
    include: {
      owner: { select: { email: true, name: true } },
      team: { select: { name: true } },
      grants: {
        orderBy: { createdAt: "desc" },
        include: { server: { select: { slug: true, name: true, environment: true, status: true } } },
      },
    },
  });
  if (!agent) throw new AppError("NOT_FOUND", "Agent not found");
  const since = new Date(Math.floor(now.getTime() / 86_400_000) * 86_400_000 - (DAYS - 1) * 86_400_000);
  const today = new Date(Math.floor(now.getTime() / 86_400_000) * 86_400_000);
  const [perDay, usedToday, last, recentCalls, findings] = await Promise.all([
    db().$queryRaw<{ t: Date; n: number }[]>`
      SELECT hour AS t, SUM(count)::int AS n FROM "ToolCallRollupDaily"
      WHERE agent = ${agent.clientId} AND hour >= ${since} GROUP BY hour ORDER BY hour`,
    // What the daily budget counts, as recorded so far: today's calls (UTC) that were not refused.
    db().$queryRaw<{ n: number }[]>`
      SELECT coalesce(SUM(count), 0)::int AS n FROM "ToolCallRollupDaily"
      WHERE agent = ${agent.clientId} AND hour = ${today} AND outcome <> 'deny'`,
    db().auditEvent.findFirst({
      where: { agent: agent.clientId },
      orderBy: [{ occurredAt: "desc" }, { sequence: "desc" }],
      select: { occurredAt: true },
    }),
    can(actor, "audit.read")
      ? db().auditEvent.findMany({
          where: { agent: agent.clientId, category: { in: ["TOOL_CALL", "DECISION"] } },
          orderBy: [{ occurredAt: "desc" }, { sequence: "desc" }],
          take: 20,
          select: { sequence: true, occurredAt: true, server: true, tool: true, outcome: true, onBehalfOf: true },
        })
      : null,
    can(actor, "findings.read")
      ? db().finding.findMany({
          where: { entityKey: { startsWith: agent.clientId } },
          orderBy: [{ severity: "desc" }, { lastSeenAt: "desc" }],
          take: 20,
          select: { id: true, type: true, severity: true, title: true, status: true, lastSeenAt: true },
        })
      : null,
  ]);
  return {
    ...agent,
    lastSeenAt: last?.occurredAt ?? null,
    callsToday: usedToday[0]?.n ?? 0,
    callsPerDay: perDay.map((d) => ({ t: new Date(d.t).toISOString(), count: d.n })),
    recentCalls: recentCalls?.map((c) => ({ ...c, sequence: c.sequence.toString() })) ?? null,
    findings,
  };
}

export type AgentDetail = Awaited<ReturnType<typeof getAgent>>;
