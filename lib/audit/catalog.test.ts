import { describe, expect, expectTypeOf, it } from "vitest";
import type { ApprovalKind, FindingStatus } from "@/lib/generated/prisma/enums";
import { ZAuditListQuery } from "@/lib/schemas/audit";
import { AUDIT_CATEGORIES } from "@/lib/schemas/audit-category";
import { INGEST_OUTCOMES } from "@/lib/schemas/ingest";
import { OUTCOMES } from "@/lib/schemas/outcome";
import { actionLabel, AUDIT_ACTIONS, wireMethod, type AuditAction, type CatalogAction } from "./catalog";
import type { AuditInput } from "./record-audit";
import { CATEGORY_OPTIONS, OUTCOME_OPTIONS } from "./explorer-filters";

describe("the audit action catalog", () => {
  it("files every action under a known category, with a label", () => {
    for (const [action, spec] of Object.entries(AUDIT_ACTIONS)) {
      expect(AUDIT_CATEGORIES, action).toContain(spec.category);
      expect(spec.label.trim(), action).not.toBe("");
      expect(actionLabel(action)).toBe(spec.label);
    }
  });

  it("names the actions derived at run time from enums and ingested outcomes", () => {
    // Type-level: each family a service builds with a template must be in the catalog, whole.
    expectTypeOf<`approval.${Lowercase<ApprovalKind>}_requested`>().toExtend<CatalogAction>();
    expectTypeOf<`finding.${Lowercase<FindingStatus>}`>().toExtend<CatalogAction>();
    expectTypeOf<`decision.${(typeof INGEST_OUTCOMES)[number]}`>().toExtend<CatalogAction>();
    expectTypeOf<`${"tool" | "agent" | "grant"}.${"suspended" | "reinstated"}`>().toExtend<CatalogAction>();
    // @ts-expect-error a misspelt action does not type-check
    const typo: AuditAction = "server.craeted";
    expect(typo).toBeDefined();
  });

  it("checks the data of an action whose shape it pins down", () => {
    const actor = { type: "USER" as const, id: null, label: "admin@test.local" };
    const kept: AuditInput<"approval.break_glass"> = {
      actor,
      category: "APPROVAL",
      action: "approval.break_glass",
      attributes: { kind: "TOOL_CALL", tool: null, justification: "outage" },
    };
    const unjustified: AuditInput<"approval.break_glass"> = {
      ...kept,
      // @ts-expect-error a break-glass record without its justification does not type-check
      attributes: { kind: "TOOL_CALL", tool: null },
    };
    expect(unjustified.action).toBe(kept.action);
  });

  it("reads an MCP method it does not name as the method itself", () => {
    expect(actionLabel(wireMethod("resources/subscribe"))).toBe("resources/subscribe");
    expect(actionLabel("tools/call")).toBe("Tool call");
  });
});

describe("the explorer's filters", () => {
  it("offer exactly the vocabulary's categories and outcomes, each labelled", () => {
    expect(CATEGORY_OPTIONS.map((o) => o.value)).toEqual(AUDIT_CATEGORIES);
    expect(OUTCOME_OPTIONS.map((o) => o.value)).toEqual(OUTCOMES);
    for (const o of [...CATEGORY_OPTIONS, ...OUTCOME_OPTIONS]) expect(o.label).not.toBe("");
  });

  it("accept every option they offer (break-glass and overrides included)", () => {
    for (const { value } of OUTCOME_OPTIONS) expect(ZAuditListQuery.parse({ outcome: value }).outcome).toBe(value);
    for (const { value } of CATEGORY_OPTIONS) expect(ZAuditListQuery.parse({ category: value }).category).toBe(value);
  });
});
