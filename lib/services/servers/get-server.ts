import { AppError } from "@/lib/errors";
import { definitionOf } from "@/lib/registry/tool-definition";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import { allowedTransitions } from "@/lib/registry/lifecycle";
import { poisoningScanner } from "@/lib/services/tools/shared/poisoning-scanner";
import { loadServerAggregate } from "./load-server-aggregate";
import { writableServerWhere } from "./server-access";
import { canReadServerActivity } from "./get-server-activity";

/**
 * Everyone who may read servers sees every server. `canEdit` says whether this actor may change it, and
 * `allowedTransitions` lists the lifecycle moves they may make: the console renders these, never its own rules.
 * Each tool carries the poisoning detector's verdict, with its signals and quoted spans, for review.
 */
export async function getServer(actor: Actor, slug: string) {
  assertCan(actor, "servers.read");
  const server = await loadServerAggregate(db(), { slug });
  if (!server) throw new AppError("NOT_FOUND", "Server not found");
  const canEdit =
    (await db().mcpServer.count({ where: { AND: [await writableServerWhere(db(), actor), { id: server.id }] } })) === 1;
  // Registry changes waiting for votes: the page points at them (and an ADMIN may break glass on one).
  const pendingRequests = await db().approvalRequest.findMany({
    where: {
      serverId: server.id,
      status: "PENDING",
      expiresAt: { gt: new Date() },
      kind: { in: ["SERVER_ACTIVATION", "TOOL_CHANGE", "POLICY_CHANGE"] },
    },
    select: { id: true, kind: true, toolName: true, reason: true, requiredApprovals: true },
    orderBy: { createdAt: "asc" },
  });
  // A PROD server is activated through its approval request only, never by a direct move.
  const viaApproval = server.environment === "PROD" && server.status === "PENDING_APPROVAL";
  const transitions = canEdit
    ? allowedTransitions(server.status, (action) => can(actor, action)).filter(
        (t) => !(viaApproval && t.to === "ACTIVE"),
      )
    : [];
  const scan = await poisoningScanner(db(), server.id);
  const tools = server.tools.map((t) => ({ ...t, poisoning: scan(definitionOf(t)) }));
  return {
    ...server,
    tools,
    canEdit,
    allowedTransitions: transitions,
    pendingRequests,
    canBreakGlass: can(actor, "approvals.break_glass"),
    canReadActivity: await canReadServerActivity(db(), actor, server.id),
  };
}

export type ServerDetail = Awaited<ReturnType<typeof getServer>>;
