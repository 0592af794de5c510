import { describe, expect, it } from "vitest";
import { foldRuleCounts, normaliseRule, RULE_ALIASES, ruleSpellings, UNREPORTED_RULE } from "./rule";

describe("the rule vocabulary", () => {
  it("folds ingested synonyms into the engine's rule names", () => {
    expect(normaliseRule("field_denied")).toBe("denied_field");
    expect(normaliseRule("Max-Records")).toBe("record_limit");
    expect(normaliseRule("denied_field")).toBe("denied_field");
    expect(normaliseRule("object_not_allowed")).toBe("object_not_allowed");
  });

  it("names the bucket of refusals whose rule was not reported", () => {
    for (const v of ["", "  ", null, undefined, "unspecified"]) expect(normaliseRule(v)).toBe(UNREPORTED_RULE);
    expect(ruleSpellings("unspecified")).toContain("");
  });

  it("never lets an alias be a canonical name too", () => {
    const aliases = Object.values(RULE_ALIASES).flat();
    for (const rule of Object.keys(RULE_ALIASES)) expect(aliases).not.toContain(rule);
    expect(new Set(aliases).size).toBe(aliases.length);
  });

  it("adds up counts of one rule under its spellings", () => {
    expect(
      foldRuleCounts([
        { rule: "field_denied", count: 4 },
        { rule: "denied_field", count: 3 },
        { rule: "max_records", count: 5 },
        { rule: "", count: 1 },
        { rule: "unspecified", count: 1 },
      ]),
    ).toEqual([
      { key: "denied_field", count: 7 },
      { key: "record_limit", count: 5 },
      { key: UNREPORTED_RULE, count: 2 },
    ]);
  });
});
