import { describe, expect, it } from "vitest";
import { checkedValues, fieldValues } from "./form-values";

describe("form values", () => {
  const form = new FormData();
  form.set("name", "nightly");
  form.set("enabled", "on");

  it("reads named fields as FormData holds them, null when absent", () => {
    expect(fieldValues(form, "name", "kind")).toEqual({ name: "nightly", kind: null });
  });

  it("reads named checkboxes as ticked or not", () => {
    expect(checkedValues(form, "enabled", "other")).toEqual({ enabled: true, other: false });
  });
});
