import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { argumentsHash } from "./arguments";
import { evaluate, type EngineInput } from "./decide";
import { RateLimiter } from "./rate-limiter";
import type { ServerSnap, Snapshot, ToolSnap } from "./snapshot";

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

function world() {
  const server: ServerSnap = {
    id: "srv",
    slug: "crm",
    status: "ACTIVE",
    policyVersion: "v1",
    highRiskApproval: true,
    requiresActiveSession: false,
    rateLimitPerMinute: 3,
    maxRecordsPerCall: 500,
    allowedObjects: [],
    allowedOperations: [],
    deniedFields: ["BankAccount__c"],
    dataClassification: "CONFIDENTIAL",
    approvalsRequired: null,
    approvalTtlMinutes: null,
    tools: new Map([
      ["query_records", tool("query_records")],
      ["update_record", tool("update_record", { risk: "HIGH", requiresApproval: true, annotations: {} })],
      ["delete_record", tool("delete_record", { risk: "HIGH", annotations: { destructiveHint: true } })],
      ["new_tool", tool("new_tool", { status: "PENDING_REVIEW" })],
      ["off_tool", tool("off_tool", { enabled: false })],
      ["frozen_tool", tool("frozen_tool", { suspended: true })],
    ]),
    grants: new Map([
      [
        "ag",
        [
          {
            id: "g1",
            allowedTools: ["query_records", "update_record", "new_tool", "off_tool", "frozen_tool"],
            allowedOperations: ["read", "write"],
            allowedObjects: ["Account", "Case"],
            deniedFields: ["SSN__c"],
            maxRecords: 100,
            validFrom: new Date(0),
            expiresAt: null,
          },
          {
            id: "g-old",
            allowedTools: ["delete_record"],
            allowedOperations: ["delete"],
            allowedObjects: [],
            deniedFields: [],
            maxRecords: null,
            validFrom: new Date(0),
            expiresAt: new Date("2026-01-01"),
          },
        ],
      ],
    ]),
  };
  const snap: Snapshot & { paused: boolean } = {
    version: 1,
    paused: false,
    agents: new Map([
      ["bot", { id: "ag", clientId: "bot", status: "ACTIVE", ownerId: "u1", registeredById: null }],
      ["frozen-bot", { id: "ag2", clientId: "frozen-bot", status: "SUSPENDED", ownerId: null, registeredById: null }],
    ]),
    servers: new Map([
      ["crm", server],
      ["draft", { ...server, id: "d", slug: "draft", status: "DRAFT" }],
    ]),
  };
  return snap;
}

const call = (over: Partial<EngineInput> = {}): EngineInput => ({
  agent: "bot",
  server: "crm",
  tool: "query_records",
  arguments: { object: "Case", limit: 10 },
  ...over,
});

describe("decision engine", () => {
  it.each<[string, (s: ReturnType<typeof world>) => void, Partial<EngineInput>, string]>([
    [
      "org pause",
      (s) => {
        s.paused = true;
      },
      {},
      "org_paused",
    ],
    ["unknown agent", () => {}, { agent: "ghost" }, "unknown_agent"],
    ["suspended agent", () => {}, { agent: "frozen-bot" }, "agent_suspended"],
    ["unknown server", () => {}, { server: "shadow" }, "unknown_server"],
    ["server not active", () => {}, { server: "draft" }, "server_not_active"],
    ["unknown tool", () => {}, { tool: "exfiltrate" }, "unknown_tool"],
    ["disabled tool", () => {}, { tool: "off_tool" }, "tool_disabled"],
    ["suspended tool", () => {}, { tool: "frozen_tool" }, "tool_suspended"],
    ["unreviewed tool", () => {}, { tool: "new_tool" }, "tool_not_reviewed"],
    ["rug pull (toolHash differs)", () => {}, { toolHash: "b".repeat(64) }, "tool_definition_changed"],
    [
      "no grant",
      (s) => {
        s.servers.get("crm")!.grants.clear();
      },
      {},
      "no_grant",
    ],
    ["expired grant", () => {}, { tool: "delete_record", arguments: { object: "Case", id: "1" } }, "no_grant"],
    [
      "a grant's argument rule",
      (s) => {
        s.servers.get("crm")!.grants.get("ag")![0].argumentRules = [
          { kind: "enum", arguments: ["object"], values: ["Account"] },
        ];
      },
      {},
      "argument_not_allowed",
    ],
    [
      "a server's argument rule narrows every grant",
      (s) => {
        s.servers.get("crm")!.argumentRules = [{ kind: "pattern", arguments: ["object"], pattern: "A.*" }];
      },
      {},
      "argument_not_allowed",
    ],
    [
      "argument rules that could not be read",
      (s) => {
        s.servers.get("crm")!.grants.get("ag")![0].argumentRules = null;
      },
      {},
      "arguments_unverifiable",
    ],
    ["object outside allowed objects", () => {}, { arguments: { object: "Opportunity" } }, "object_not_allowed"],
    [
      "denied field of the grant, as a key",
      () => {},
      { arguments: { object: "Case", fields: { SSN__c: 1 } } },
      "denied_field",
    ],
    [
      "denied field of the server, inside a query",
      () => {},
      { arguments: { q: "SELECT Name, BankAccount__c FROM Account" } },
      "denied_field",
    ],
    ["record limit", () => {}, { arguments: { object: "Case", limit: 101 } }, "record_limit"],
    [
      "operation not allowed",
      (s) => {
        s.servers.get("crm")!.grants.get("ag")![0].allowedOperations = ["write"];
      },
      {},
      "operation_not_allowed",
    ],
  ])("denies: %s", (_name, mutate, over, rule) => {
    const s = world();
    mutate(s);
    const r = evaluate(s, call(over), now, new RateLimiter());
    expect(r.outcome).toBe("deny");
    expect(r.rule).toBe(rule);
    expect(r.reasons[0]).toMatch(new RegExp(`^${rule}: `));
  });

  it("raises findings for an unknown agent and a shadow server", () => {
    expect(evaluate(world(), call({ agent: "ghost" }), now, new RateLimiter())).toMatchObject({
      finding: { type: "unknown_agent", key: "ghost" },
    });
    expect(evaluate(world(), call({ server: "shadow" }), now, new RateLimiter())).toMatchObject({
      finding: { type: "shadow_server", key: "shadow" },
    });
  });

  it("rate-limits per agent and server and says when to retry", () => {
    const limiter = new RateLimiter();
    for (let i = 0; i < 3; i++) expect(evaluate(world(), call(), now, limiter).outcome).toBe("allow");
    const r = evaluate(world(), call(), new Date(now.getTime() + 20_000), limiter);
    expect(r).toMatchObject({ outcome: "deny", rule: "rate_limited", retryAfterSeconds: 40 });
    expect(evaluate(world(), call(), new Date(now.getTime() + 61_000), limiter).outcome).toBe("allow");
  });

  it("allows a covered call and asks for approval on a high-risk one", () => {
    expect(evaluate(world(), call(), now, new RateLimiter())).toMatchObject({ outcome: "allow", grant: { id: "g1" } });
    expect(
      evaluate(
        world(),
        call({ tool: "update_record", arguments: { object: "Case", id: "5", fields: { Status: "Closed" } } }),
        now,
        new RateLimiter(),
      ),
    ).toMatchObject({ outcome: "approval", rule: "approval_required" });
    expect(evaluate(world(), call({ toolHash: "a".repeat(64) }), now, new RateLimiter()).outcome).toBe("allow");
  });
});

describe("argument hashing", () => {
  const json = fc.jsonValue();
  it("is stable under key order", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), json), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(argumentsHash(reversed)).toBe(argumentsHash(obj));
      }),
    );
  });

  it("changes when any value changes", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.integer(), { minKeys: 1 }), (obj) => {
        const key = Object.keys(obj)[0];
        expect(argumentsHash({ ...obj, [key]: obj[key] + 1 })).not.toBe(argumentsHash(obj));
      }),
      { numRuns: 1000 },
    );
  });

  it('binds a "__proto__" argument like any other (JSON.parse makes it an own key)', () => {
    const approved = JSON.parse('{"__proto__": {"amount": 10}, "to": "acct-1"}');
    const tampered = JSON.parse('{"__proto__": {"amount": 10000}, "to": "acct-1"}');
    expect(argumentsHash(tampered)).not.toBe(argumentsHash(approved));
    expect(argumentsHash(approved)).not.toBe(argumentsHash({ to: "acct-1" }));
  });
});
