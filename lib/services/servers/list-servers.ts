import { parseWith } from "@/lib/schemas/parse";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { RISK_ORDER } from "@/lib/registry/risk";
import { ZServerListQuery, type TServerListQuery } from "@/lib/schemas/server";

export async function listServers(actor: Actor, raw: TServerListQuery = {}) {
  assertCan(actor, "servers.read");
  const q = parseWith(ZServerListQuery, raw, "server query");
  const where: Prisma.McpServerWhereInput = {
    environment: q.environment,
    status: q.status,
    ownerTeamId: q.ownerTeamId,
    ...(q.q
      ? {
          OR: [
            { name: { contains: q.q, mode: "insensitive" } },
            { slug: { contains: q.q, mode: "insensitive" } },
            { description: { contains: q.q, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const rows = await db().mcpServer.findMany({
    where,
    orderBy: q.sort === "updatedAt" ? { updatedAt: "desc" } : { [q.sort]: "asc" },
    include: {
      ownerTeam: { select: { name: true } },
      tools: { select: { risk: true, riskOverride: true, status: true } },
      _count: { select: { grants: { where: { status: "ACTIVE" } } } },
    },
  });
  const servers = rows.map(({ tools, _count, ...s }) => {
    const risks = tools.map((t) => RISK_ORDER.indexOf(t.riskOverride ?? t.risk));
    return {
      ...s,
      toolCount: tools.length,
      pendingReview: tools.filter((t) => t.status !== "APPROVED").length,
      maxRisk: risks.length ? RISK_ORDER[Math.max(...risks)] : null,
      activeGrants: _count.grants,
    };
  });
  return q.risk ? servers.filter((s) => s.maxRisk === q.risk) : servers;
}

export type ServerRow = Awaited<ReturnType<typeof listServers>>[number];
