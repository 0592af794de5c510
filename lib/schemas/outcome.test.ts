import { describe, expect, it } from "vitest";
import { INGEST_OUTCOMES } from "./ingest";
import { normaliseOutcome, OUTCOME_ALIASES, outcomeLabel, OUTCOMES, outcomeTone } from "./outcome";

describe("the outcome vocabulary", () => {
  it("gives every outcome a label of its own and a colour", () => {
    for (const o of OUTCOMES) {
      expect(outcomeLabel(o), o).not.toBe(o);
      expect(["success", "info", "warning", "danger"], o).toContain(outcomeTone(o));
    }
    expect(new Set(OUTCOMES.map(outcomeLabel)).size).toBe(OUTCOMES.length);
  });

  it("holds the exceptions people take on purpose, in amber rather than as failures", () => {
    for (const o of ["break_glass", "overridden"]) {
      expect(normaliseOutcome(o)).toBe(o);
      expect(outcomeTone(o)).toBe("warning");
    }
  });

  it("reads legacy spellings as their outcome, and shows an unknown one as stored", () => {
    expect(outcomeLabel("denied")).toBe(outcomeLabel("deny"));
    expect(outcomeTone("denied")).toBe("danger");
    expect(outcomeLabel("sort of")).toBe("sort of");
    expect(outcomeTone("sort of")).toBe("danger");
  });

  it("folds every wire spelling ingest accepts into the one vocabulary", () => {
    for (const o of INGEST_OUTCOMES) expect(OUTCOMES).toContain(o);
    for (const [o, aliases] of Object.entries(OUTCOME_ALIASES))
      for (const a of aliases) expect(normaliseOutcome(a.toUpperCase())).toBe(o);
  });
});
