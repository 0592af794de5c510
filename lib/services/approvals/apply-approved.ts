import { recordAudit } from "@/lib/audit/record-audit";
import { auditActor, systemActor } from "@/lib/authz/actor";
import type { Tx } from "@/lib/db/tx";
import { changeServerStatusInTx } from "@/lib/services/servers/change-server-status";
import { applyServerChange, type ServerChange } from "@/lib/services/servers/shared/apply-server-change";
import { approveToolDefinition } from "@/lib/services/tools/internal/approve-tool-definition";
import { fulfilAccessRequest } from "./internal/fulfil-access-request";

type Approved = {
  id: string;
  kind: string;
  serverId: string | null;
  toolName: string | null;
  argsHash: string | null;
  change?: unknown;
};

/**
 * What an approval does once it has its votes (or an ADMIN broke glass, with `breakGlass` the
 * justification), in the same transaction: a JIT grant, a server activated (readiness still applies),
 * exactly the reviewed tool definition approved, or a held policy change applied. Tool calls do
 * nothing here: the gateway's next identical call consumes the approval.
 */
export async function applyApproved(tx: Tx, r: Approved, now: Date, breakGlass?: string) {
  const warden = systemActor(`approval:${r.id}`);
  if (r.kind === "ACCESS_GRANT") await fulfilAccessRequest(tx, r.id, now);
  if (r.kind === "SERVER_ACTIVATION")
    await changeServerStatusInTx(
      tx,
      warden,
      r.serverId!,
      { status: "ACTIVE" },
      breakGlass ? { breakGlass } : { approvalId: r.id },
    );
  if (r.kind === "TOOL_CHANGE") {
    const tool = await tx.tool.findUniqueOrThrow({
      where: { serverId_name: { serverId: r.serverId!, name: r.toolName! } },
    });
    // Break-glass is an explicit, justified override: it also covers a definition flagged as poisoning.
    await approveToolDefinition(
      tx,
      warden,
      tool.id,
      r.argsHash!,
      breakGlass ? { justification: breakGlass } : undefined,
    );
  }
  if (r.kind === "POLICY_CHANGE") {
    const before = await tx.mcpServer.findUniqueOrThrow({ where: { id: r.serverId! } });
    const change = r.change as ServerChange;
    const after = await applyServerChange(tx, r.serverId!, change);
    await recordAudit(tx, {
      actor: auditActor(warden),
      category: "ADMIN",
      action: "policy.change_applied",
      target: { type: "McpServer", id: r.serverId! },
      before: Object.fromEntries(Object.keys(change.fields).map((k) => [k, before[k as keyof typeof before]])),
      after: change,
      attributes: { approvalId: r.id, policyVersion: after.policyVersion, breakGlass: breakGlass ? true : undefined },
    });
  }
}
