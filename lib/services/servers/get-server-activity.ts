import { AppError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/tx";
import { writableServerWhere } from "./server-access";

const LIMIT = 50;

/**
 * A server's activity, in two parts: changes to its registry entry (the server, its tools, grants and
 * credentials) and the calls made to it. Auditors and admins see every server's; an owner sees their
 * own team's servers, and nobody else's.
 */
/** The servers whose activity an actor reads: every one with "audit.read", otherwise those they may change. */
const activityScope = async (tx: Tx, actor: Actor) =>
  can(actor, "audit.read") ? {} : await writableServerWhere(tx, actor);

/** Whether the actor reads this server's activity: the server page shows its Activity tab only then. */
export async function canReadServerActivity(tx: Tx, actor: Actor, serverId: string) {
  return (await tx.mcpServer.count({ where: { AND: [await activityScope(tx, actor), { id: serverId }] } })) === 1;
}

export async function getServerActivity(actor: Actor, slug: string) {
  assertCan(actor, "servers.read");
  const scope = await activityScope(db(), actor);
  const server = await db().mcpServer.findFirst({
    where: { AND: [scope, { slug }] },
    select: {
      id: true,
      slug: true,
      tools: { select: { id: true } },
      grants: { select: { id: true } },
      credentials: { select: { id: true } },
    },
  });
  if (!server) throw new AppError("NOT_FOUND", "Server not found, or its activity is not yours to see");
  const targets = [server.id, ...server.tools, ...server.grants, ...server.credentials].map((t) =>
    typeof t === "string" ? t : t.id,
  );
  const pick = {
    sequence: true,
    occurredAt: true,
    category: true,
    action: true,
    outcome: true,
    actorLabel: true,
    targetType: true,
    tool: true,
    agent: true,
    onBehalfOf: true,
    attributes: true,
  } as const;
  const [changes, calls] = await Promise.all([
    db().auditEvent.findMany({
      where: { targetId: { in: targets }, category: { in: ["ADMIN", "APPROVAL"] } },
      orderBy: [{ occurredAt: "desc" }, { sequence: "desc" }],
      take: LIMIT,
      select: pick,
    }),
    db().auditEvent.findMany({
      where: { server: server.slug, category: { in: ["TOOL_CALL", "DECISION"] } },
      orderBy: [{ occurredAt: "desc" }, { sequence: "desc" }],
      take: LIMIT,
      select: pick,
    }),
  ]);
  const view = (rows: typeof changes) => rows.map((r) => ({ ...r, sequence: r.sequence.toString() }));
  return { changes: view(changes), calls: view(calls) };
}

export type ServerActivity = Awaited<ReturnType<typeof getServerActivity>>;
