import { z } from "zod";
import { ZArgumentRules } from "./argument-rule";
import { withoutSecrets, ZCredentialReference } from "./credential";
import { text } from "./safe-input";

const names = z.array(text().min(1).max(128)).max(500);

/** The policy-as-code document of one server, exactly in the shape security teams write. */
export const ZPolicyDocument = z.strictObject({
  mcp_server: z.strictObject({
    name: text().trim().min(1).max(120),
    description: text().max(2000).default(""),
    credential: z
      .strictObject({
        vault_path: ZCredentialReference,
        rotation_days: z.number().int().min(1).max(3650),
        dynamic_secret: z.boolean().default(false),
      })
      .optional(),
    permissions: z.strictObject({
      allowed_objects: names.default([]),
      allowed_operations: names.default([]),
      denied_fields: names.default([]),
      max_records_per_query: z.number().int().min(1).max(1_000_000).optional(),
    }),
    /** path roots, URL allow-lists, patterns, enums and query checks that narrow every grant on the server */
    argument_rules: ZArgumentRules.optional(),
    access_control: z.strictObject({
      requires_active_session: z.boolean(),
      session_timeout_minutes: z.number().int().min(1).max(1440).optional(),
      high_risk_approval: z.boolean(),
    }),
    audit: z.strictObject({
      log_all_calls: z.boolean(),
      log_response_summary: z.boolean(),
      siem_forward: withoutSecrets(text(300)).optional(),
      retention_days: z.number().int().min(1).max(3650),
    }),
  }),
});
export type TPolicyDocument = z.infer<typeof ZPolicyDocument>;

export const ZImportPolicyInput = z.object({
  yaml: text().min(1, "Paste the policy YAML").max(200_000, "Policy YAML is limited to 200 kB"),
  apply: z.boolean().default(false),
});
export type TImportPolicyInput = z.input<typeof ZImportPolicyInput>;
