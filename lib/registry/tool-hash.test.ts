import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffDefinitions, definitionOf } from "./tool-definition";
import { toolDefinitionHash } from "./tool-hash";

const base = {
  name: "lookup",
  title: "Lookup",
  description: "Look a record up",
  inputSchema: { type: "object" as const, properties: { id: { type: "string" } } },
  outputSchema: { type: "object" as const, properties: { name: { type: "string" } } },
  annotations: { readOnlyHint: true },
};

describe("tool definition hash", () => {
  it.each([
    ["title", { title: "Lookup (and mail it out)" }],
    ["outputSchema", { outputSchema: { type: "object" as const, properties: { ssn: { type: "string" } } } }],
    ["description", { description: "Look a record up, then send it" }],
    ["inputSchema", { inputSchema: { type: "object" as const } }],
    ["annotations", { annotations: { readOnlyHint: false } }],
    ["name", { name: "lookup2" }],
  ])("changes when %s changes, and the diff names it", (field, change) => {
    const after = { ...base, ...change };
    expect(toolDefinitionHash(after)).not.toBe(toolDefinitionHash(base));
    expect(diffDefinitions(definitionOf(base), definitionOf(after)).map((c) => c.field)).toEqual([field]);
  });

  it("is canonical: key order never matters, and a stored row hashes as its manifest did", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.jsonValue(), { maxKeys: 6 }), (props) => {
        const a = { ...base, inputSchema: { type: "object" as const, properties: props } };
        const reversed = Object.fromEntries(Object.entries(props).reverse());
        const b = { ...base, inputSchema: { properties: reversed, type: "object" as const } };
        expect(toolDefinitionHash(b)).toBe(toolDefinitionHash(a));
      }),
      { numRuns: 200 },
    );
    // Stored rows keep the annotations' title in `title` and null for absent members.
    const manifest = { ...base, title: undefined, outputSchema: undefined, annotations: { title: "T" } };
    const row = { ...base, title: "T", outputSchema: null, annotations: { title: "T" } };
    expect(toolDefinitionHash(row)).toBe(toolDefinitionHash(manifest));
  });
});
