import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate } from "./decide";
import { grantWidening } from "./grant-scope";
import { RateLimiter } from "./rate-limiter";
import type { ServerSnap, Snapshot, ToolSnap } from "./snapshot";

const OBJECTS = ["Account", "Case", "Opportunity", "Lead"];
const OPERATIONS = ["read", "query", "write", "delete", "admin"];
const FIELDS = ["SSN__c", "Salary__c", "Name", "Subject"];
/** tool -> the operation it performs (from its name and annotations) */
const TOOLS: Record<string, { op: string; annotations: unknown }> = {
  query_records: { op: "query", annotations: { readOnlyHint: true } },
  get_record: { op: "read", annotations: { readOnlyHint: true } },
  update_record: { op: "write", annotations: {} },
  delete_record: { op: "delete", annotations: {} },
  grant_role: { op: "admin", annotations: {} },
};
const reads = (op: string) => op === "read" || op === "query";
const allows = (list: string[], op: string) =>
  list.length === 0 || list.includes(op) || (reads(op) && (list.includes("read") || list.includes("query")));

const sub = <T>(xs: T[], min = 0) => fc.subarray(xs, { minLength: min });
const policy = fc.record({
  allowedObjects: sub(OBJECTS),
  allowedOperations: sub(OPERATIONS),
  deniedFields: sub(FIELDS),
  maxRecordsPerCall: fc.option(fc.integer({ min: 1, max: 200 }), { nil: null }),
});
const grant = fc.record({
  allowedObjects: sub(OBJECTS),
  allowedOperations: sub(OPERATIONS, 1),
  deniedFields: sub(FIELDS),
  maxRecords: fc.option(fc.integer({ min: 1, max: 400 }), { nil: null }),
});
/** A call, with what it really touches kept aside for the oracle. */
const call = fc.record({
  tool: fc.constantFrom(...Object.keys(TOOLS)),
  object: fc.option(fc.constantFrom(...OBJECTS), { nil: undefined }),
  fields: sub(FIELDS),
  limit: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
  asQuery: fc.boolean(),
});

type Value<A> = A extends fc.Arbitrary<infer T> ? T : never;

function snapshot(p: Value<typeof policy>, g: Value<typeof grant>) {
  const tools = new Map<string, ToolSnap>(
    Object.entries(TOOLS).map(([name, t]) => [
      name,
      {
        name,
        status: "APPROVED",
        enabled: true,
        suspended: false,
        approvedHash: null,
        risk: "LOW",
        requiresApproval: false,
        annotations: t.annotations,
      },
    ]),
  );
  const server: ServerSnap = {
    id: "s",
    slug: "crm",
    status: "ACTIVE",
    policyVersion: "v",
    highRiskApproval: true,
    requiresActiveSession: false,
    rateLimitPerMinute: null,
    dataClassification: null,
    approvalsRequired: null,
    approvalTtlMinutes: null,
    ...p,
    tools,
    grants: new Map([["a", [{ id: "g", allowedTools: ["*"], validFrom: new Date(0), expiresAt: null, ...g }]]]),
  };
  const snap: Snapshot & { paused: boolean } = {
    version: 1,
    paused: false,
    agents: new Map([["bot", { id: "a", clientId: "bot", status: "ACTIVE", ownerId: null, registeredById: null }]]),
    servers: new Map([["crm", server]]),
  };
  return snap;
}

describe("no grant ever widens its server's policy", () => {
  it("the engine allows only what the server's policy alone would allow (property)", () => {
    fc.assert(
      fc.property(policy, grant, call, (p, g, c) => {
        const args: Record<string, unknown> =
          c.asQuery && c.object
            ? {
                query: `SELECT ${["Id", ...c.fields].join(", ")} FROM ${c.object}${c.limit ? ` LIMIT ${c.limit}` : ""}`,
              }
            : {
                ...(c.object ? { object: c.object } : {}),
                ...(c.limit ? { limit: c.limit } : {}),
                ...(c.fields.length ? { fields: Object.fromEntries(c.fields.map((f) => [f, "x"])) } : {}),
              };
        const r = evaluate(
          snapshot(p, g),
          { agent: "bot", server: "crm", tool: c.tool, arguments: args },
          new Date(),
          new RateLimiter(),
        );
        if (r.outcome === "deny") return;
        const op = TOOLS[c.tool].op;
        expect(allows(p.allowedOperations, op)).toBe(true);
        if (p.allowedObjects.length) expect(p.allowedObjects).toContain(c.object);
        expect(c.fields.filter((f) => p.deniedFields.includes(f))).toEqual([]);
        if (p.maxRecordsPerCall !== null && reads(op)) {
          expect(c.limit).toBeDefined();
          expect(c.limit!).toBeLessThanOrEqual(p.maxRecordsPerCall);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("a grant that asks for more than its server is refused at creation, field by field (property)", () => {
    fc.assert(
      fc.property(policy, grant, (p, g) => {
        const widening = grantWidening(p, g);
        const wider =
          g.allowedOperations.some((o) => !allows(p.allowedOperations, o)) ||
          (p.allowedObjects.length > 0 && g.allowedObjects.some((o) => !p.allowedObjects.includes(o))) ||
          (p.maxRecordsPerCall !== null && g.maxRecords !== null && g.maxRecords > p.maxRecordsPerCall);
        expect(widening !== null).toBe(wider);
      }),
      { numRuns: 2000 },
    );
  });
});
