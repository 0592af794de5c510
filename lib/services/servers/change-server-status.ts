import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/schemas/parse";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, auditActor, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/tx";
import { findTransition } from "@/lib/registry/lifecycle";
import { isReady } from "@/lib/registry/readiness";
import { ZChangeServerStatusInput, type TChangeServerStatusInput } from "@/lib/schemas/server";
import { loadServerAggregate } from "./load-server-aggregate";
import { openActivationRequest } from "./internal/open-activation-request";
import { registryChanged } from "./shared/registry-changed";
import { loadWritableServer, lockServer } from "./server-access";

export async function changeServerStatus(actor: Actor, idOrSlug: string, raw: TChangeServerStatusInput) {
  const input = parseWith(ZChangeServerStatusInput, raw, "status change");
  return db().$transaction((tx) => changeServerStatusInTx(tx, actor, idOrSlug, input));
}

/** How a move happens when it is not a plain request: an approval's outcome, or an ADMIN's break-glass. */
export type StatusChangeVia = { approvalId: string } | { breakGlass: string };

/**
 * Within a transaction, for callers that hold one (an approved SERVER_ACTIVATION request). Submitting a
 * server for approval opens that request for approvers; any other move closes a pending one. A PROD
 * server is activated only through that request (or an ADMIN's break-glass), never directly.
 */
export async function changeServerStatusInTx(
  tx: Tx,
  actor: Actor,
  idOrSlug: string,
  input: TChangeServerStatusInput,
  via?: StatusChangeVia,
) {
  const before = await loadWritableServer(tx, actor, idOrSlug);
  await lockServer(tx, before.id);
  const move = findTransition(before.status, input.status);
  if (!move) throw new AppError("UNPROCESSABLE", `A ${before.status} server cannot become ${input.status}`);
  assertCan(actor, move.permission);
  if ((input.status === "SUSPENDED" || before.status === "SUSPENDED") && !input.reason) {
    throw new AppError("BAD_REQUEST", "Give a reason for suspending or reinstating", { reason: "Give a reason" });
  }
  const activatesProd = input.status === "ACTIVE" && before.environment === "PROD";
  if (activatesProd && before.status === "PENDING_APPROVAL" && !via && actor.type !== "SYSTEM")
    throw new AppError(
      "CONFLICT",
      "A PROD server is activated only through its approval request: the approvers vote in Approvals, or an ADMIN breaks glass with a written justification",
    );
  let override: string | null = null;
  if (activatesProd) {
    const aggregate = (await loadServerAggregate(tx, { id: before.id }))!;
    const failing = aggregate.readiness.filter((i) => !i.pass);
    const justification =
      via && "breakGlass" in via ? via.breakGlass : via ? undefined : (input.overrideJustification ?? undefined);
    if (!isReady(aggregate.readiness) && !justification) {
      throw new AppError(
        "UNPROCESSABLE",
        `Readiness checklist fails: ${failing.map((i) => i.label).join("; ")}. Fix it${via ? "" : ", or override with a written justification"}.`,
        {
          overrideJustification: "Required to activate a PROD server that fails readiness",
        },
      );
    }
    if (!isReady(aggregate.readiness)) override = justification!;
  }
  const server = await tx.mcpServer.update({
    where: { id: before.id },
    data: {
      status: input.status,
      statusReason: input.reason ?? null,
      ...(override
        ? {
            readinessOverride: override,
            readinessOverrideById: actor.type === "USER" ? actor.id : null,
            readinessOverrideAt: new Date(),
          }
        : {}),
    },
  });
  await registryChanged(tx, server.id);
  if (server.status === "PENDING_APPROVAL") {
    await openActivationRequest(
      tx,
      actor,
      server,
      `Activate ${server.slug} in ${server.environment}${input.reason ? `: ${input.reason}` : ""}`,
    );
  } else {
    await tx.approvalRequest.updateMany({
      where: { kind: "SERVER_ACTIVATION", serverId: server.id, status: "PENDING" },
      data: { status: "CANCELLED", decidedAt: new Date() },
    });
  }
  await recordAudit(tx, {
    actor: auditActor(actor),
    category: "ADMIN",
    action:
      input.status === "SUSPENDED"
        ? "server.suspended"
        : before.status === "SUSPENDED" && input.status === "ACTIVE"
          ? "server.reinstated"
          : "server.status_changed",
    target: { type: "McpServer", id: server.id },
    before: { status: before.status },
    after: { status: server.status },
    attributes: {
      reason: input.reason,
      readinessOverride: override ?? undefined,
      approvalId: via && "approvalId" in via ? via.approvalId : undefined,
      breakGlass: via && "breakGlass" in via ? true : undefined,
    },
  });
  return server;
}
