import type { CredentialRef, McpServer } from "@/lib/generated/prisma/client";
import type { CredentialProvider } from "@/lib/generated/prisma/enums";
import type { ArgumentRule } from "@/lib/schemas/argument-rule";
import type { TPolicyDocument } from "@/lib/schemas/policy";

type PolicyServer = Pick<
  McpServer,
  | "name"
  | "description"
  | "allowedObjects"
  | "allowedOperations"
  | "deniedFields"
  | "maxRecordsPerCall"
  | "argumentRules"
  | "requiresActiveSession"
  | "sessionTimeoutMinutes"
  | "highRiskApproval"
  | "logAllCalls"
  | "logResponseSummary"
  | "siemForward"
  | "auditRetentionDays"
>;

/** The policy document of a server: its first credential reference stands for `credential`. */
export function policyOf(
  server: PolicyServer,
  credential?: Pick<CredentialRef, "reference" | "rotationDays" | "dynamicSecret">,
): TPolicyDocument {
  return {
    mcp_server: {
      name: server.name,
      description: server.description,
      ...(credential
        ? {
            credential: {
              vault_path: credential.reference,
              rotation_days: credential.rotationDays,
              dynamic_secret: credential.dynamicSecret,
            },
          }
        : {}),
      permissions: {
        allowed_objects: server.allowedObjects,
        allowed_operations: server.allowedOperations,
        denied_fields: server.deniedFields,
        ...(server.maxRecordsPerCall ? { max_records_per_query: server.maxRecordsPerCall } : {}),
      },
      ...(Array.isArray(server.argumentRules) && server.argumentRules.length
        ? { argument_rules: server.argumentRules as ArgumentRule[] }
        : {}),
      access_control: {
        requires_active_session: server.requiresActiveSession,
        ...(server.sessionTimeoutMinutes ? { session_timeout_minutes: server.sessionTimeoutMinutes } : {}),
        high_risk_approval: server.highRiskApproval,
      },
      audit: {
        log_all_calls: server.logAllCalls,
        log_response_summary: server.logResponseSummary,
        ...(server.siemForward ? { siem_forward: server.siemForward } : {}),
        retention_days: server.auditRetentionDays,
      },
    },
  };
}

/** The server fields a policy document sets. */
export function serverFieldsOf(p: TPolicyDocument) {
  const s = p.mcp_server;
  return {
    name: s.name,
    description: s.description,
    allowedObjects: s.permissions.allowed_objects,
    allowedOperations: s.permissions.allowed_operations,
    deniedFields: s.permissions.denied_fields,
    maxRecordsPerCall: s.permissions.max_records_per_query ?? null,
    argumentRules: s.argument_rules ?? [],
    requiresActiveSession: s.access_control.requires_active_session,
    sessionTimeoutMinutes: s.access_control.session_timeout_minutes ?? null,
    highRiskApproval: s.access_control.high_risk_approval,
    logAllCalls: s.audit.log_all_calls,
    logResponseSummary: s.audit.log_response_summary,
    siemForward: s.audit.siem_forward ?? null,
    auditRetentionDays: s.audit.retention_days,
  };
}

/** Which vault a path points into, from its shape. */
export function providerOfPath(path: string): CredentialProvider {
  if (path.startsWith("arn:aws:secretsmanager:")) return "AWS_SECRETS_MANAGER";
  if (/^https:\/\/[^/]+\.vault\.azure\.net\//.test(path)) return "AZURE_KEY_VAULT";
  if (/^projects\/[^/]+\/secrets\//.test(path)) return "GCP_SECRET_MANAGER";
  return "HASHICORP_VAULT";
}

export type PolicyChange = { path: string; before: unknown; after: unknown };

/** Leaf-by-leaf differences between two policy documents, for review before applying. */
export function diffPolicies(before: unknown, after: unknown, path = ""): PolicyChange[] {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  if (isObj(before) && isObj(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => diffPolicies(before[k], after[k], path ? `${path}.${k}` : k));
  }
  return JSON.stringify(before) === JSON.stringify(after)
    ? []
    : [{ path, before: before ?? null, after: after ?? null }];
}
