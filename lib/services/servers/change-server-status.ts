import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/schemas/parse";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, auditActor, type Actor } from "@/lib/authz/actor";
import { requiredApprovals } from "@/lib/approvals/rules";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/tx";
import { RISK_ORDER } from "@/lib/registry/risk";
import { openRegistryRequest } from "@/lib/services/approvals/internal/open-request";
import { findTransition } from "@/lib/registry/lifecycle";
import { isReady } from "@/lib/registry/readiness";
import { ZChangeServerStatusInput, type TChangeServerStatusInput } from "@/lib/schemas/server";
import { loadServerAggregate } from "./load-server-aggregate";
import { registryChanged } from "./internal/registry-changed";
import { loadWritableServer, lockServer } from "./server-access";

export async function changeServerStatus(actor: Actor, idOrSlug: string, raw: TChangeServerStatusInput) {
  const input = parseWith(ZChangeServerStatusInput, raw, "status change");
  return db().$transaction((tx) => changeServerStatusInTx(tx, actor, idOrSlug, input));
}

/**
 * Within a transaction, for callers that hold one (an approved SERVER_ACTIVATION request). Submitting a
 * server for approval opens that request for approvers; any other move closes a pending one.
 */
export async function changeServerStatusInTx(tx: Tx, actor: Actor, idOrSlug: string, input: TChangeServerStatusInput) {
  {
    const before = await loadWritableServer(tx, actor, idOrSlug);
    await lockServer(tx, before.id);
    const move = findTransition(before.status, input.status);
    if (!move) throw new AppError("UNPROCESSABLE", `A ${before.status} server cannot become ${input.status}`);
    assertCan(actor, move.permission);
    if ((input.status === "SUSPENDED" || before.status === "SUSPENDED") && !input.reason) {
      throw new AppError("BAD_REQUEST", "Give a reason for suspending or reinstating", { reason: "Give a reason" });
    }
    let override: string | null = null;
    if (input.status === "ACTIVE" && before.environment === "PROD") {
      const aggregate = (await loadServerAggregate(tx, { id: before.id }))!;
      const failing = aggregate.readiness.filter((i) => !i.pass);
      if (!isReady(aggregate.readiness) && !input.overrideJustification) {
        throw new AppError(
          "UNPROCESSABLE",
          `Readiness checklist fails: ${failing.map((i) => i.label).join("; ")}. Fix it, or override with a written justification.`,
          {
            overrideJustification: "Required to activate a PROD server that fails readiness",
          },
        );
      }
      if (!isReady(aggregate.readiness)) override = input.overrideJustification!;
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
      const risks = (
        await tx.tool.findMany({ where: { serverId: server.id }, select: { risk: true, riskOverride: true } })
      ).map((t) => RISK_ORDER.indexOf(t.riskOverride ?? t.risk));
      const risk = risks.length ? RISK_ORDER[Math.max(...risks)] : "MEDIUM";
      await openRegistryRequest(tx, actor, {
        kind: "SERVER_ACTIVATION",
        serverId: server.id,
        serverSlug: server.slug,
        risk,
        reason: `Activate ${server.slug} in ${server.environment}${input.reason ? `: ${input.reason}` : ""}`,
        requiredApprovals: requiredApprovals(server, risk),
      });
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
      attributes: { reason: input.reason, readinessOverride: override ?? undefined },
    });
    return server;
  }
}
