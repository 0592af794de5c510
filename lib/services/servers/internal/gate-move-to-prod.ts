import { recordAdminAudit } from "@/lib/services/audited-write";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/authz/actor";
import type { Tx } from "@/lib/db/tx";
import type { McpServer } from "@/lib/generated/prisma/client";
import { isReady } from "@/lib/registry/readiness";
import { loadServerAggregate } from "../load-server-aggregate";
import { openActivationRequest } from "./open-activation-request";
import { registryChanged } from "../shared/registry-changed";

/**
 * A server that becomes PROD while live (or waiting to be) must pass the PROD readiness checklist now,
 * and the approval a move to PROD needs: an ACTIVE one goes back to PENDING_APPROVAL (calls are denied
 * until approvers vote), a pending request is re-opened for PROD. Called after the change, in its
 * transaction: a refusal rolls the whole change back.
 */
export async function gateMoveToProd(tx: Tx, actor: Actor, before: McpServer, server: McpServer) {
  if (before.status === "DRAFT" || before.status === "RETIRED") return server;
  if (before.status === "SUSPENDED")
    throw new AppError("UNPROCESSABLE", "A suspended server cannot move to PROD: reinstate or retire it first", {
      environment: "Reinstate or retire the server first",
    });
  const aggregate = (await loadServerAggregate(tx, { id: server.id }))!;
  if (!isReady(aggregate.readiness)) {
    const failing = aggregate.readiness.filter((i) => !i.pass).map((i) => i.label);
    throw new AppError("UNPROCESSABLE", `Readiness checklist fails for PROD: ${failing.join("; ")}. Fix it first.`, {
      environment: "The PROD readiness checklist must pass first",
    });
  }
  const reason = `Move ${server.slug} to PROD`;
  if (before.status === "PENDING_APPROVAL") {
    await openActivationRequest(tx, actor, server, reason);
    return server;
  }
  const pending = await tx.mcpServer.update({
    where: { id: server.id },
    data: { status: "PENDING_APPROVAL", statusReason: "Moved to PROD: waits for its activation approval" },
  });
  await registryChanged(tx, server.id);
  await openActivationRequest(tx, actor, pending, reason);
  await recordAdminAudit(tx, actor, "server.status_changed", {
    target: { type: "McpServer", id: server.id },
    before: { status: before.status, environment: before.environment },
    after: { status: pending.status, environment: pending.environment },
    attributes: { reason },
  });
  return pending;
}
