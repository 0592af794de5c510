import { describe, expect, it } from "vitest";
import { resourcePatternProblem, resourceUriProblem } from "@/lib/schemas/resource-pattern";
import {
  promptCovered,
  resourceCoverage,
  resourceCovered,
  scopeOf,
  templateCoverage,
  templateCovered,
} from "./resource-scope";

const DOCS = "demo://resource/static/document/";

describe("resource patterns and prompts a grant covers", () => {
  it("matches a URI exactly, * within one segment, ** across segments", () => {
    expect(resourceCovered([`${DOCS}features.md`], `${DOCS}features.md`)).toBe(true);
    expect(resourceCovered([`${DOCS}features.md`], `${DOCS}features.mdx`)).toBe(false);
    expect(resourceCovered([`${DOCS}*`], `${DOCS}architecture.md`)).toBe(true);
    expect(resourceCovered([`${DOCS}*`], `${DOCS}sub/architecture.md`)).toBe(false);
    expect(resourceCovered([`${DOCS}*`], `${DOCS}a.md?download=1`)).toBe(false);
    expect(resourceCovered([`${DOCS}*`], `${DOCS}a.md#part`)).toBe(false);
    expect(resourceCovered(["demo://resource/**"], `${DOCS}sub/a.md?x=1`)).toBe(true);
    expect(resourceCovered(["file:///srv/*.csv"], "file:///srv/salaries.csv")).toBe(true);
    expect(resourceCovered(["*"], "anything:at-all")).toBe(true);
    expect(resourceCovered([], `${DOCS}features.md`)).toBe(false);
  });

  it("treats regular-expression characters in a pattern as themselves", () => {
    expect(resourceCovered(["demo://a/(x|y).md"], "demo://a/(x|y).md")).toBe(true);
    expect(resourceCovered(["demo://a/(x|y).md"], "demo://a/x.md")).toBe(false);
    expect(resourceCovered(["demo://a/x.md"], "demo://a/xxmd")).toBe(false);
    expect(resourceCovered(["demo://a/[ab]+"], "demo://a/aab")).toBe(false);
  });

  it("refuses a URI it cannot match as sent, rather than normalising it", () => {
    for (const uri of [
      `${DOCS}../../dynamic/blob/1`,
      `${DOCS}%2e%2e/secret`,
      `${DOCS}./a.md`,
      `${DOCS}.%2E/a.md`,
      ` ${DOCS}a.md`,
      `${DOCS}a.md\n`,
      `${DOCS}a\\..\\b`,
      // Separators spelt another way, which a decoding or folding upstream would resolve across segments.
      `${DOCS}..%2f..%2fsecret`,
      `${DOCS}%2e%2e%2fsecret`,
      `${DOCS}..%5csecret`,
      `${DOCS}%252e%252e%252fsecret`,
      `${DOCS}a%00.md`,
      `${DOCS}..\uff0f..\uff0fsecret`,
      `${DOCS}\uff0e\uff0e/secret`,
      `${DOCS}..%EF%BC%8F..%EF%BC%8Fsecret`,
      `${DOCS}%E0%A4%A`,
      "no-scheme/a.md",
      "",
    ]) {
      expect(resourceUriProblem(uri), uri).not.toBeNull();
      expect(resourceCovered(["*"], uri), uri).toBe(false);
    }
    expect(resourceUriProblem(`${DOCS}..a.md`)).toBeNull();
    expect(resourceUriProblem(`${DOCS}caf%C3%A9.md`)).toBeNull();
    expect(resourceUriProblem(`${DOCS}a%20b.md`)).toBeNull();
  });

  it("lists a template only when a pattern covers every URI it expands to", () => {
    expect(templateCovered(["demo://resource/dynamic/text/*"], "demo://resource/dynamic/text/{resourceId}")).toBe(true);
    expect(templateCovered(["demo://resource/dynamic/text/1"], "demo://resource/dynamic/text/{resourceId}")).toBe(
      false,
    );
    expect(templateCovered(["demo://resource/dynamic/*/1"], "demo://resource/dynamic/text/{resourceId}")).toBe(false);
    // {+path} may expand to slashes: only ** covers it.
    expect(templateCovered(["file:///srv/*"], "file:///srv/{+path}")).toBe(false);
    expect(templateCovered(["file:///srv/**"], "file:///srv/{+path}")).toBe(true);
    expect(templateCovered(["file:///srv/*"], "file:///srv/{/path}")).toBe(false);
  });

  it("matches prompts as tools are matched, and adds up grants", () => {
    expect(promptCovered(["simple-prompt"], "simple-prompt")).toBe(true);
    expect(promptCovered(["completable-*"], "completable-prompt")).toBe(true);
    expect(promptCovered(["simple-prompt"], "args-prompt")).toBe(false);
    expect(promptCovered([], "simple-prompt")).toBe(false);
    expect(scopeOf([{ allowedResources: ["a:x"], allowedPrompts: ["p"] }, { allowedResources: ["b:y"] }, {}])).toEqual({
      resources: ["a:x", "b:y"],
      prompts: ["p"],
    });
  });

  it("accepts patterns with a scheme, and refuses the rest with a reason", () => {
    for (const ok of ["*", `${DOCS}*`, "demo://resource/**", "file:///srv/reports/*.csv", "urn:isbn:*"])
      expect(resourcePatternProblem(ok), ok).toBeNull();
    expect(resourcePatternProblem("*.md")).toMatch(/scheme/);
    expect(resourcePatternProblem("d*mo://x")).toMatch(/scheme/);
    expect(resourcePatternProblem("demo://x/***")).toMatch(/\*\*\*/);
    expect(resourcePatternProblem("demo://x/{id}")).toMatch(/template/);
    expect(resourcePatternProblem("demo://x/../y")).toMatch(/dot segment/);
    expect(resourcePatternProblem("demo://x/a b")).toMatch(/whitespace/);
  });

  it("says in one check why a URI or template cannot be matched, or whether a pattern covers it", () => {
    expect(resourceCoverage([`${DOCS}*`], `${DOCS}a.md`)).toEqual({ problem: null, covered: true });
    expect(resourceCoverage([`${DOCS}a.md`], `${DOCS}b.md`)).toEqual({ problem: null, covered: false });
    expect(resourceCoverage(["*"], `${DOCS}x/../a.md`)).toEqual({
      problem: expect.stringMatching(/dot segment/),
      covered: false,
    });
    expect(templateCoverage([`${DOCS}*`], `${DOCS}{id}`)).toEqual({ problem: null, covered: true });
    expect(templateCoverage(["*"], `${DOCS}{id}/../x`)).toEqual({
      problem: expect.stringMatching(/dot segment/),
      covered: false,
    });
  });
});
