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
});
