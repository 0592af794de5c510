import { describe, expect, it } from "vitest";
import { describeReason } from "./describe-reason";

describe("describeReason", () => {
  it("writes an engine reason for people and keeps the rule id as a tag", () => {
    expect(describeReason("approval_required: update_record is HIGH risk and needs a human approval")).toEqual({
      rule: "approval_required",
      title: "Needs a human approval",
      detail: "update_record is high-risk and needs a human approval.",
    });
  });

  it("prefers the recorded rule, and keeps an unknown rule's id readable", () => {
    expect(describeReason("something odd happened", "custom_rule")).toEqual({
      rule: "custom_rule",
      title: "Custom rule",
      detail: "Something odd happened.",
    });
  });

  it("leaves free text without a rule as a sentence", () => {
    expect(describeReason("Activate crm in PROD")).toEqual({
      rule: null,
      title: "Activate crm in PROD",
      detail: "Activate crm in PROD.",
    });
  });

  it("names the subject once: the title says it is an unknown agent, the detail names it", () => {
    const d = describeReason("unknown_agent: agent unknown-gpt is not registered");
    expect(d).toEqual({ rule: "unknown_agent", title: "Unknown agent", detail: "unknown-gpt is not registered." });
    expect(`${d.title} ${d.detail}`).not.toMatch(/agent agent/i);
    // A title that does not name the subject keeps the whole sentence.
    expect(describeReason("no_grant: agent bot has no grant on crm").detail).toBe("Agent bot has no grant on crm.");
  });
});
