import { describe, expect, it } from "vitest";
import { contextOf, corpus, metrics, type CorpusPart } from "./corpus";
import { scanToolDefinition } from "./scan-tool-definition";

/**
 * The detector measured on Warden's labelled corpus. The test part was written before the detector was
 * tuned and is never tuned on; the targets are the issue's: recall >= 0.9 with a false-positive rate <= 5%.
 */
describe.each<CorpusPart>(["test", "dev"])("poisoning corpus, %s part", (part) => {
  it("finds at least 90% of poisoned definitions and flags at most 5% of benign ones", () => {
    const cases = corpus(part);
    const m = metrics(
      cases.map((c) => ({ label: c.label, flagged: scanToolDefinition(c.tool, contextOf(c)).flagged })),
    );
    console.info(`poisoning detector, ${part} part (${cases.length} cases):`, m);
    expect(cases.filter((c) => c.label === "poisoned").length).toBeGreaterThanOrEqual(30);
    expect(m.recall).toBeGreaterThanOrEqual(0.9);
    expect(m.fpr).toBeLessThanOrEqual(0.05);
  });
});

describe("poisoning corpus", () => {
  it("has at least 150 self-written cases, half poisoned, with no case in both parts", () => {
    const own = [...corpus("dev"), ...corpus("test")].filter(
      (c) => c.source === "written for Warden" || c.source.startsWith("pattern") || c.source.startsWith("style"),
    );
    expect(own.length).toBeGreaterThanOrEqual(150);
    const poisoned = own.filter((c) => c.label === "poisoned").length;
    expect(poisoned / own.length).toBeGreaterThan(0.4);
    expect(poisoned / own.length).toBeLessThan(0.6);
    const dev = new Set(corpus("dev").map((c) => JSON.stringify(c.tool)));
    expect(corpus("test").filter((c) => dev.has(JSON.stringify(c.tool)))).toEqual([]);
  });
});
