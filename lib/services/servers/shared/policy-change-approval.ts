import { recordAdminAudit } from "@/lib/services/audited-write";
import type { ApprovableKind } from "@/lib/services/approvals/shared/approvable-kinds";
import { applyServerChange, type ServerChange } from "./apply-server-change";

/** An approved POLICY_CHANGE applies the held change to the server, audited with what it replaced. */
export const policyChangeApproval: ApprovableKind = {
  async apply(tx, r, { actor, breakGlass }) {
    const before = await tx.mcpServer.findUniqueOrThrow({ where: { id: r.serverId! } });
    const change = r.change as ServerChange;
    const after = await applyServerChange(tx, r.serverId!, change);
    await recordAdminAudit(tx, actor, "policy.change_applied", {
      target: { type: "McpServer", id: r.serverId! },
      before: Object.fromEntries(Object.keys(change.fields).map((k) => [k, before[k as keyof typeof before]])),
      after: change,
      attributes: { approvalId: r.id, policyVersion: after.policyVersion, breakGlass: breakGlass ? true : undefined },
    });
  },
};
