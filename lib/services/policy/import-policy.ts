import { parseWith } from "@/lib/schemas/parse";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, auditActor, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { parsePolicyYaml } from "@/lib/policy/policy-yaml";
import { diffPolicies, policyOf, providerOfPath, serverFieldsOf } from "@/lib/policy/server-policy";
import { ZImportPolicyInput, type TImportPolicyInput } from "@/lib/schemas/policy";
import { registryChanged } from "@/lib/services/servers/internal/registry-changed";
import { loadWritableServer, lockServer } from "@/lib/services/servers/server-access";

/**
 * Imports a server's policy YAML. Without `apply` it only returns the diff against the current policy;
 * with `apply` it writes the change, bumps the policy version and records before and after.
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
    await tx.mcpServer.update({ where: { id: server.id }, data: serverFieldsOf(next) });
    const c = next.mcp_server.credential;
    if (c && credential) {
      await tx.credentialRef.update({
        where: { id: credential.id },
        data: {
          reference: c.vault_path,
          rotationDays: c.rotation_days,
          dynamicSecret: c.dynamic_secret,
          provider: providerOfPath(c.vault_path),
        },
      });
    } else if (c) {
      await tx.credentialRef.create({
        data: {
          serverId: server.id,
          reference: c.vault_path,
          rotationDays: c.rotation_days,
          dynamicSecret: c.dynamic_secret,
          provider: providerOfPath(c.vault_path),
          kind: "API_KEY",
          environment: server.environment,
        },
      });
    }
    const policyVersion = await registryChanged(tx, server.id);
    await recordAudit(tx, {
      actor: auditActor(actor),
      category: "ADMIN",
      action: "policy.applied",
      target: { type: "McpServer", id: server.id },
      before: current,
      after: next,
      attributes: { changes: changes.length, policyVersion },
    });
    return { applied: true, changes, policyVersion };
  });
}
