import { db } from "@/lib/db/client";
import type { ApprovableKind } from "@/lib/services/approvals/shared/approvable-kinds";
import { changeServerStatusInTx } from "../change-server-status";
import { loadServerAggregate } from "../load-server-aggregate";

/** An approved SERVER_ACTIVATION activates the server (readiness still applies); approvers see its checklist. */
export const serverActivationApproval: ApprovableKind = {
  async apply(tx, r, { actor, breakGlass }) {
    await changeServerStatusInTx(
      tx,
      actor,
      r.serverId!,
      { status: "ACTIVE" },
      breakGlass ? { breakGlass } : { approvalId: r.id },
    );
  },
  async context(rows) {
    const readiness = new Map<string, { passing: number; total: number; failing: string[] }>();
    for (const id of new Set(rows.filter((r) => r.serverId).map((r) => r.serverId!))) {
      const server = await loadServerAggregate(db(), { id });
      if (!server) continue;
      const failing = server.readiness.filter((i) => !i.pass).map((i) => i.label);
      readiness.set(id, { passing: server.readiness.length - failing.length, total: server.readiness.length, failing });
    }
    return new Map(rows.filter((r) => r.serverId).map((r) => [r.id, { readiness: readiness.get(r.serverId!) }]));
  },
};
