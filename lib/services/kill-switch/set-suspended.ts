import { recordAdminAudit } from "@/lib/services/audited-write";
import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/schemas/parse";
import { assertCan, type Actor } from "@/lib/authz/actor";
import type { Action } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/tx";
import { ZSuspendInput, type TSuspendInput } from "@/lib/schemas/tool";
import { loadWritableAgent } from "@/lib/services/agents/agent-access";
import { registryChanged } from "@/lib/services/servers/shared/registry-changed";
import { writableServerWhere } from "@/lib/services/servers/server-access";
import { loadWritableTool } from "@/lib/services/tools/tool-access";

export type Suspendable = "tool" | "agent" | "grant";

/** Who may flip each kill switch: whoever may manage the thing itself. */
export const SUSPEND_PERMISSION = {
  tool: "servers.manage",
  agent: "agents.manage",
  grant: "grants.manage",
} as const satisfies Record<Suspendable, Action>;

type Change = { targetType: string; id: string; serverId?: string; before: string; after: string };

async function flip(
  tx: Tx,
  actor: Actor,
  kind: Suspendable,
  id: string,
  { suspended, reason }: TSuspendInput,
): Promise<Change> {
  if (kind === "tool") {
    const tool = await loadWritableTool(tx, actor, id);
    const before = tool.suspendedReason ? "SUSPENDED" : "ACTIVE";
    await tx.tool.update({ where: { id }, data: { suspendedReason: suspended ? reason : null } });
    return { targetType: "Tool", id, serverId: tool.serverId, before, after: suspended ? "SUSPENDED" : "ACTIVE" };
  }
  if (kind === "agent") {
    const agent = await loadWritableAgent(tx, actor, id);
    await tx.agent.update({
      where: { id },
      data: { status: suspended ? "SUSPENDED" : "ACTIVE", statusReason: reason },
    });
    return { targetType: "Agent", id, before: agent.status, after: suspended ? "SUSPENDED" : "ACTIVE" };
  }
  const grant = await tx.grant.findFirst({ where: { id, server: await writableServerWhere(tx, actor) } });
  if (!grant) throw new AppError("NOT_FOUND", "Grant not found, or not on a server your team owns");
  if (grant.status === "REVOKED")
    throw new AppError("UNPROCESSABLE", "A revoked grant cannot be suspended or reinstated");
  await tx.grant.update({ where: { id }, data: { status: suspended ? "SUSPENDED" : "ACTIVE", statusReason: reason } });
  return {
    targetType: "Grant",
    id,
    serverId: grant.serverId,
    before: grant.status,
    after: suspended ? "SUSPENDED" : "ACTIVE",
  };
}

/**
 * The kill switch for a single tool, agent or grant: effective on the very next decision, because the
 * change bumps the registry version in the same transaction. Reinstating takes a reason just the same.
 */
export async function setSuspended(actor: Actor, kind: Suspendable, id: string, raw: TSuspendInput) {
  assertCan(actor, SUSPEND_PERMISSION[kind]);
  const input = parseWith(ZSuspendInput, raw, "suspension");
  return db().$transaction(async (tx) => {
    const change = await flip(tx, actor, kind, id, input);
    await registryChanged(tx, change.serverId);
    await recordAdminAudit(tx, actor, `${kind}.${input.suspended ? "suspended" : "reinstated"}`, {
      target: { type: change.targetType, id },
      before: { status: change.before },
      after: { status: change.after },
      attributes: { reason: input.reason },
    });
    return { id, status: change.after };
  });
}
