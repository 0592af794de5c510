import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json";
import { hashCanonical, sha256, sha256Hex } from "./sha256";

const reference = (s: string | Buffer) => createHash("sha256").update(s).digest("hex");

describe("sha256", () => {
  it("hashes its parts as if concatenated", () => {
    expect(sha256Hex("abc")).toBe(reference("abc"));
    expect(sha256Hex("0".repeat(64), '{"a":1}')).toBe(reference(`${"0".repeat(64)}{"a":1}`));
    expect(sha256Hex(Buffer.from([1, 2, 3]))).toBe(reference(Buffer.from([1, 2, 3])));
    expect(sha256("é").toString("hex")).toBe(reference("é"));
  });

  it("hashes a value's canonical JSON, whatever its key order", () => {
    expect(hashCanonical({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe(
      reference(canonicalJson({ a: [1, { c: 3, d: 2 }], b: 1 })),
    );
    expect(hashCanonical({ a: 1, b: 2 })).toBe(hashCanonical({ b: 2, a: 1 }));
    expect(hashCanonical({ a: 1 })).not.toBe(hashCanonical({ a: 2 }));
  });
});
