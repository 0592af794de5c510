import type { Actor } from "@/lib/authz/actor";
import { requiredApprovals } from "@/lib/approvals/rules";
import type { Tx } from "@/lib/db/tx";
import type { McpServer } from "@/lib/generated/prisma/client";
import { RISK_ORDER } from "@/lib/registry/risk";
import { openRegistryRequest } from "@/lib/services/approvals/shared/open-request";

/** Asks approvers to activate a server, at the risk of its riskiest tool. */
export async function openActivationRequest(tx: Tx, actor: Actor, server: McpServer, reason: string) {
  const risks = (
    await tx.tool.findMany({ where: { serverId: server.id }, select: { risk: true, riskOverride: true } })
  ).map((t) => RISK_ORDER.indexOf(t.riskOverride ?? t.risk));
  const risk = risks.length ? RISK_ORDER[Math.max(...risks)] : "MEDIUM";
  return openRegistryRequest(tx, actor, {
    kind: "SERVER_ACTIVATION",
    serverId: server.id,
    serverSlug: server.slug,
    risk,
    reason,
    requiredApprovals: requiredApprovals(server, risk),
  });
}
