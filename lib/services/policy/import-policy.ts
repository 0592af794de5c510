import { recordAdminAudit } from "@/lib/services/audited-write";
import { parseWith } from "@/lib/schemas/parse";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { parsePolicyYaml } from "@/lib/policy/policy-yaml";
import { diffPolicies, policyOf, serverFieldsOf } from "@/lib/policy/server-policy";
import { ZImportPolicyInput, type TImportPolicyInput } from "@/lib/schemas/policy";
import { applyServerChange } from "@/lib/services/servers/shared/apply-server-change";
import { holdRelaxation } from "@/lib/services/servers/shared/hold-relaxation";
import { loadWritableServer, lockServer } from "@/lib/services/servers/server-access";

/**
 * Imports a server's policy YAML. Without `apply` it only returns the diff against the current policy;
 * with `apply` it writes the change, bumps the policy version and records before and after. A change
 * that loosens an ACTIVE PROD server's policy is held for approvers instead (`pendingApprovalId`).
 */
export async function importPolicy(actor: Actor, serverIdOrSlug: string, raw: TImportPolicyInput) {
  assertCan(actor, "servers.manage");
  const input = parseWith(ZImportPolicyInput, raw, "policy import");
  const next = parsePolicyYaml(input.yaml);
  return db().$transaction(async (tx) => {
    const server = await loadWritableServer(tx, actor, serverIdOrSlug);
    await lockServer(tx, server.id);
    const credential = await tx.credentialRef.findFirst({
      where: { serverId: server.id },
      orderBy: { createdAt: "asc" },
    });
    const current = policyOf(server, credential ?? undefined);
    const changes = diffPolicies(current, next);
    if (!input.apply || changes.length === 0) return { applied: false, changes, policyVersion: server.policyVersion };
    const change = { fields: serverFieldsOf(next), credential: next.mcp_server.credential };
    const held = await holdRelaxation(tx, actor, server, change);
    if (held) {
      await recordAdminAudit(tx, actor, "policy.held_for_approval", {
        target: { type: "McpServer", id: server.id },
        outcome: "pending",
        before: current,
        after: next,
        attributes: { changes: changes.length, ...held },
      });
      return { applied: false, changes, policyVersion: server.policyVersion, ...held };
    }
    const { policyVersion } = await applyServerChange(tx, server.id, change);
    await recordAdminAudit(tx, actor, "policy.applied", {
      target: { type: "McpServer", id: server.id },
      before: current,
      after: next,
      attributes: { changes: changes.length, policyVersion },
    });
    return { applied: true, changes, policyVersion };
  });
}
