import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parsePolicyYaml, policyToYaml } from "./policy-yaml";

const EXAMPLE = `mcp_server:
  name: "crm-readonly-agent"
  description: "Salesforce read-only access for support AI"
  credential:
    vault_path: "secret/mcp/salesforce/support-agent"
    rotation_days: 30
    dynamic_secret: true
  permissions:
    allowed_objects: ["Account", "Case", "Contact"]
    allowed_operations: ["read", "query"]
    denied_fields: ["Salary__c", "SSN__c", "BankAccount__c"]
    max_records_per_query: 100
  access_control:
    requires_active_session: true
    session_timeout_minutes: 60
    high_risk_approval: true
  audit:
    log_all_calls: true
    log_response_summary: true
    siem_forward: "splunk://siem.corp.internal"
    retention_days: 365
`;

const issueOf = (text: string) => {
  try {
    parsePolicyYaml(text);
  } catch (e) {
    return e as AppError;
  }
  throw new Error("expected a validation error");
};

describe("policy YAML", () => {
  it("parses the documented example and round-trips it", () => {
    const policy = parsePolicyYaml(EXAMPLE);
    expect(policy.mcp_server.permissions.denied_fields).toEqual(["Salary__c", "SSN__c", "BankAccount__c"]);
    expect(parsePolicyYaml(policyToYaml(policy))).toEqual(policy);
  });

  it("takes an optional argument_rules block, round-trips it, and points at a bad rule's line", () => {
    const withRules = EXAMPLE.replace(
      "  access_control:",
      `  argument_rules:
    - kind: query
      arguments: [soql]
      objects: [Account, Case, Contact]
      denied_fields: [SSN__c]
      max_limit: 100
    - kind: url
      arguments: [callback_url]
      hosts: ["*.my.salesforce.com"]
  access_control:`,
    );
    const policy = parsePolicyYaml(withRules);
    expect(policy.mcp_server.argument_rules?.map((r) => r.kind)).toEqual(["query", "url"]);
    expect(parsePolicyYaml(policyToYaml(policy))).toEqual(policy);
    const bad = issueOf(withRules.replace("kind: url", "kind: shell"));
    expect(bad.message).toMatch(/line 19 \(mcp_server\.argument_rules\.1\.kind\): kind is one of path, url/);
  });

  it("reports line and field for a wrong type, an unknown key and broken YAML", () => {
    const wrongType = issueOf(EXAMPLE.replace("rotation_days: 30", 'rotation_days: "monthly"'));
    expect(wrongType.code).toBe("UNPROCESSABLE");
    expect(wrongType.fields?.["mcp_server.credential.rotation_days"]).toMatch(/^line 6: /);
    const unknown = issueOf(
      EXAMPLE.replace("    retention_days: 365", "    retention_days: 365\n    retention_forever: true"),
    );
    expect(unknown.message).toMatch(/line 22 \(mcp_server\.audit\.retention_forever\)/);
    const broken = issueOf("mcp_server:\n  name: [unclosed\n");
    expect(broken.message).toMatch(/line \d+/);
  });

  it("refuses a secret value in place of the vault path", () => {
    const e = issueOf(EXAMPLE.replace("secret/mcp/salesforce/support-agent", "password=hunter2"));
    expect(e.fields?.["mcp_server.credential.vault_path"]).toMatch(/line 5: .*password or key assignment/);
    expect(e.message).not.toContain("hunter2");
  });

  it("round-trips any valid policy without loss (property)", () => {
    const name = fc.stringMatching(/^[A-Za-z0-9 _:#'"-]{1,40}$/).filter((s) => s.trim() === s && s.length > 0);
    const list = fc.array(fc.stringMatching(/^[A-Za-z0-9_.:#-]{1,20}$/), { maxLength: 5 });
    const policy = fc.record({
      mcp_server: fc.record({
        name,
        description: fc.string({ maxLength: 80 }),
        credential: fc.option(
          fc.record({
            vault_path: fc.constantFrom("secret/mcp/a", "kv/data/b/c", "arn:aws:secretsmanager:eu-west-1:1:secret:x"),
            rotation_days: fc.integer({ min: 1, max: 365 }),
            dynamic_secret: fc.boolean(),
          }),
          { nil: undefined },
        ),
        permissions: fc.record({
          allowed_objects: list,
          allowed_operations: list,
          denied_fields: list,
          max_records_per_query: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
        }),
        access_control: fc.record({
          requires_active_session: fc.boolean(),
          session_timeout_minutes: fc.option(fc.integer({ min: 1, max: 1440 }), { nil: undefined }),
          high_risk_approval: fc.boolean(),
        }),
        audit: fc.record({
          log_all_calls: fc.boolean(),
          log_response_summary: fc.boolean(),
          siem_forward: fc.option(fc.constantFrom("splunk://siem", "syslog://10.0.0.1:514"), { nil: undefined }),
          retention_days: fc.integer({ min: 1, max: 3650 }),
        }),
      }),
    });
    fc.assert(
      fc.property(policy, (p) => {
        const clean = JSON.parse(JSON.stringify(p));
        expect(parsePolicyYaml(policyToYaml(clean))).toEqual(clean);
      }),
      { numRuns: 200 },
    );
  });
});
