import { systemActor } from "@/lib/authz/actor";
import type { Tx } from "@/lib/db/tx";
import { changeServerStatusInTx } from "@/lib/services/servers/change-server-status";
import { approveToolDefinition } from "@/lib/services/tools/internal/approve-tool-definition";
import { fulfilAccessRequest } from "./internal/fulfil-access-request";

type Approved = { id: string; kind: string; serverId: string | null; toolName: string | null; argsHash: string | null };

/**
 * What an approval does once it has its votes, in the same transaction as the final vote: a JIT grant,
 * a server activated (readiness still applies), or exactly the reviewed tool definition approved.
 * Tool calls do nothing here: the gateway's next identical call consumes the approval.
 */
export async function applyApproved(tx: Tx, r: Approved, now: Date) {
  const warden = systemActor(`approval:${r.id}`);
  if (r.kind === "ACCESS_GRANT") await fulfilAccessRequest(tx, r.id, now);
  if (r.kind === "SERVER_ACTIVATION") await changeServerStatusInTx(tx, warden, r.serverId!, { status: "ACTIVE" });
  if (r.kind === "TOOL_CHANGE") {
    const tool = await tx.tool.findUniqueOrThrow({
      where: { serverId_name: { serverId: r.serverId!, name: r.toolName! } },
    });
    await approveToolDefinition(tx, warden, tool.id, r.argsHash!);
  }
}
