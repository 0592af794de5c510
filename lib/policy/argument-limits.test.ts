import { describe, expect, it } from "vitest";
import { evaluate } from "./decide";
import { parseQueryText } from "./query-parse";
import { RateLimiter } from "./rate-limiter";
import type { GrantSnap, ServerSnap, Snapshot, ToolSnap } from "./snapshot";

const now = new Date("2026-06-01T12:00:00Z");
const tool = (name: string, extra: Partial<ToolSnap> = {}): ToolSnap => ({
  name,
  status: "APPROVED",
  enabled: true,
  suspended: false,
  approvedHash: "a".repeat(64),
  risk: "LOW",
  requiresApproval: false,
  annotations: { readOnlyHint: true },
  ...extra,
});

function world(server: Partial<ServerSnap> = {}, grant: Partial<GrantSnap> = {}): Snapshot & { paused: boolean } {
  const s: ServerSnap = {
    id: "srv",
    slug: "crm",
    status: "ACTIVE",
    policyVersion: "v1",
    highRiskApproval: false,
    requiresActiveSession: false,
    rateLimitPerMinute: null,
    maxRecordsPerCall: 500,
    allowedObjects: [],
    allowedOperations: [],
    deniedFields: ["BankAccount__c"],
    dataClassification: "CONFIDENTIAL",
    approvalsRequired: null,
    approvalTtlMinutes: null,
    tools: new Map([
      ["query_records", tool("query_records")],
      ["run_soql", tool("run_soql", { argumentMap: { query: "request.text" } })],
      ["find", tool("find", { argumentMap: { object: "target.sobject", limit: "paging.max" } })],
      ["update_record", tool("update_record", { annotations: {} })],
    ]),
    grants: new Map([
      [
        "ag",
        [
          {
            id: "g1",
            allowedTools: ["*"],
            allowedOperations: ["read", "write"],
            allowedObjects: ["Account", "Case"],
            deniedFields: ["SSN__c"],
            maxRecords: 100,
            validFrom: new Date(0),
            expiresAt: null,
            ...grant,
          },
        ],
      ],
    ]),
    ...server,
  };
  return {
    version: 1,
    paused: false,
    agents: new Map([["bot", { id: "ag", clientId: "bot", status: "ACTIVE", ownerId: null, registeredById: null }]]),
    servers: new Map([["crm", s]]),
  };
}

const decide = (t: string, args: Record<string, unknown>, snap = world()) =>
  evaluate(snap, { agent: "bot", server: "crm", tool: t, arguments: args }, now, new RateLimiter());

describe("argument limits", () => {
  it.each<[string, string, Record<string, unknown>, string]>([
    [
      "a SOQL query on an object outside the grant",
      "query_records",
      { query: "SELECT Id, Amount FROM Opportunity WHERE StageName = 'Closed Won' LIMIT 10" },
      "object_not_allowed",
    ],
    [
      "the same SOQL under a key nobody recognises",
      "query_records",
      { text: "SELECT Id, Amount FROM Opportunity LIMIT 10" },
      "object_not_allowed",
    ],
    [
      "SOQL in the argument the reviewer named",
      "run_soql",
      { request: { text: "select Id from Opportunity limit 5" } },
      "object_not_allowed",
    ],
    [
      "SOQL behind a comment, next to an allowed object argument",
      "query_records",
      { object: "Case", limit: 5, query: "/* cases */ SELECT Id FROM Opportunity LIMIT 5" },
      "object_not_allowed",
    ],
    [
      "a relationship subquery on another object",
      "query_records",
      { query: "SELECT Id, (SELECT Id FROM Opportunities) FROM Account LIMIT 5" },
      "object_not_allowed",
    ],
    ["objects limited, and no object named", "query_records", { id: "500x", limit: 5 }, "arguments_unverifiable"],
    ["a read with no record limit", "query_records", { object: "Case" }, "arguments_unverifiable"],
    ["a SOQL query without LIMIT", "query_records", { query: "SELECT Id FROM Case" }, "arguments_unverifiable"],
    ["a query no parser accepts", "query_records", { query: "SELECT FROM WHERE Case" }, "arguments_unverifiable"],
    [
      "every field, while fields are denied",
      "query_records",
      { query: "SELECT FIELDS(ALL) FROM Account LIMIT 200" },
      "arguments_unverifiable",
    ],
    [
      "a denied field through a relationship",
      "query_records",
      { query: "SELECT Id, Account.SSN__c FROM Case LIMIT 5" },
      "denied_field",
    ],
    [
      "a denied field in the filter only",
      "query_records",
      { query: "SELECT Id FROM Account WHERE BankAccount__c != null LIMIT 5" },
      "denied_field",
    ],
    ["a SOQL LIMIT over the cap", "query_records", { query: "SELECT Id FROM Case LIMIT 1000" }, "record_limit"],
    [
      "the reviewer's limit argument over the cap",
      "find",
      { target: { sobject: "Case" }, paging: { max: 500 } },
      "record_limit",
    ],
    [
      "the reviewer's object argument",
      "find",
      { target: { sobject: "Lead" }, paging: { max: 5 } },
      "object_not_allowed",
    ],
    [
      "an SQL join reaching a table outside the grant",
      "query_records",
      { sql: "select a.id from Account a join Opportunity o on o.account_id = a.id limit 5" },
      "object_not_allowed",
    ],
    [
      "an SQL DELETE through a read tool",
      "query_records",
      { sql: "delete from Account where id = 5" },
      "operation_not_allowed",
    ],
  ])("denies %s", (_name, t, args, rule) => {
    const r = evaluate(world(), { agent: "bot", server: "crm", tool: t, arguments: args }, now, new RateLimiter());
    expect(r).toMatchObject({ outcome: "deny", rule });
  });

  it.each<[string, string, Record<string, unknown>]>([
    [
      "a SOQL query inside the limits",
      "query_records",
      { query: "SELECT Id, Subject FROM Case WHERE Status = 'New' LIMIT 50" },
    ],
    // Parsed, not searched: a denied field's name inside a string literal is not a field.
    [
      "a literal that mentions a denied field",
      "query_records",
      { query: "SELECT Id FROM Case WHERE Subject = 'SSN__c' LIMIT 5" },
    ],
    ["the reviewer's arguments inside the limits", "find", { target: { sobject: "Account" }, paging: { max: 20 } }],
    ["a write, which reads no records", "update_record", { object: "Case", id: "500x" }],
    ["SQL on an allowed table", "query_records", { sql: "select id, subject from Case limit 10" }],
    ["search text under a query key", "query_records", { object: "Case", limit: 5, query: "printer TODO" }],
  ])("allows %s", (_name, t, args) => {
    expect(decide(t, args)).toMatchObject({ outcome: "allow" });
  });

  it("checks nothing it need not: without limits, an unnamed object and no count are fine", () => {
    const open = world(
      { maxRecordsPerCall: null, deniedFields: [] },
      { allowedObjects: [], deniedFields: [], maxRecords: null },
    );
    expect(decide("query_records", { anything: 1 }, open)).toMatchObject({ outcome: "allow" });
  });

  it("narrows every grant by its server's policy", () => {
    const narrow = world({ allowedObjects: ["Case"], allowedOperations: ["read"], maxRecordsPerCall: 20 });
    expect(decide("query_records", { object: "Account", limit: 5 }, narrow)).toMatchObject({
      rule: "object_not_allowed",
    });
    expect(decide("query_records", { object: "Case", limit: 50 }, narrow)).toMatchObject({ rule: "record_limit" });
    expect(decide("update_record", { object: "Case", id: "1" }, narrow)).toMatchObject({
      rule: "operation_not_allowed",
    });
    expect(decide("query_records", { object: "Case", limit: 5 }, narrow)).toMatchObject({ outcome: "allow" });
  });

  it("parses SOQL and SQL with real parsers", () => {
    expect(
      parseQueryText(
        "SELECT Id, Name, Account.Name FROM Opportunity WHERE CloseDate = LAST_N_DAYS:30 ORDER BY Amount DESC LIMIT 10",
      ),
    ).toMatchObject({ objects: ["Opportunity", "Account"], limit: 10, allFields: false });
    expect(parseQueryText("with t as (select id from secrets) select id from t")).toMatchObject({
      objects: expect.arrayContaining(["secrets"]),
      limit: null,
    });
    expect(parseQueryText("update accounts set ssn = '1' where id = 2")).toMatchObject({ operations: ["write"] });
    expect(parseQueryText("SELECT Id FROM")).toBeNull();
  });
});
