import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, MAX_CANONICAL_DEPTH } from "./canonical-json";

/** The definition canonicalJson must keep, byte for byte: sort every object's keys, then JSON.stringify. */
function reference(value: unknown): string {
  const normalise = (v: unknown): unknown => {
    if (v === null || v === undefined) return null;
    if (v instanceof Date) return v.toISOString();
    if (typeof v === "bigint") return v.toString();
    if (Array.isArray(v)) return v.map(normalise);
    if (typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v).sort()) {
        const member = (v as Record<string, unknown>)[key];
        if (member !== undefined)
          Object.defineProperty(out, key, { value: normalise(member), enumerable: true, writable: true });
      }
      return out;
    }
    return typeof v === "number" && !Number.isFinite(v) ? null : v;
  };
  return JSON.stringify(normalise(value));
}

const values = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.string({ unit: "binary" }),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.bigInt(),
    fc.date({ noInvalidDate: true }),
    fc.array(tie("value"), { maxLength: 5 }),
    fc.dictionary(fc.string({ unit: "binary", maxLength: 6 }), tie("value"), { maxKeys: 5 }),
  ),
})).value;

describe("canonicalJson", () => {
  it("writes the same bytes as sorting the keys and JSON.stringify, for any value", () => {
    fc.assert(
      fc.property(values, (v) => {
        expect(canonicalJson(v)).toBe(reference(v));
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps a __proto__ member as the data it is, and ignores key order", () => {
    const parsed = JSON.parse('{"b":1,"__proto__":{"x":2},"a":[3,null]}');
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"x":2},"a":[3,null],"b":1}');
    expect(canonicalJson({ a: [3, null], b: 1, __proto__x: undefined })).toBe('{"a":[3,null],"b":1}');
  });

  it("refuses a document nested deeper than the limit", () => {
    let deep: unknown = 1;
    for (let i = 0; i <= MAX_CANONICAL_DEPTH; i++) deep = [deep];
    expect(() => canonicalJson(deep)).toThrow(/nested more than/);
  });
});
