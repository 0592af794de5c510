import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { redactAll, redactText } from "./redact";
import { plainIdentifier, secretSpans } from "./secret-spans";

// Secret-shaped values are assembled at run time so that none sits in the repository.
const hexOf = (s: string) => Buffer.from(s).toString("hex");
const identifierChars = [..."abcdefghijklmnopqrstuvwxyz0123456789-_."];
// Everything an identifier-looking string might hide, written with the identifier's own characters where it can be.
const fragments = [
  "akia",
  `akia${"q".repeat(16)}`,
  "asia",
  "aroa",
  `ghp_${"a".repeat(36)}`,
  `github_pat_${"a".repeat(30)}`,
  "xoxb-1234567890ab",
  `sk_live_${"a".repeat(16)}`,
  `sk-${"a".repeat(24)}`,
  `sk-proj-${"a".repeat(24)}`,
  `glpat-${"a".repeat(20)}`,
  `wdn_${"a".repeat(24)}`,
  `wag_${"a".repeat(24)}`,
  `aiza${"a".repeat(35)}`,
  "eyj",
  "-----begin",
  "-----beginprivatekey-----",
  "pass",
  "password",
  "pwd",
  "pw",
  "secret",
  "token",
  "api",
  "access",
  "private",
  "credential",
  "otp",
  "078-05-1120",
  "078.05.1120",
  "078_05_1120",
  "4111-1111-1111-1111",
  "4111111111111111",
  "4111_1111_1111_1111",
  "4012888888881881",
  "deadbeefdeadbeef",
  "de-ad-be-ef-de-ad-be-ef",
  hexOf("password=hunter22"),
  hexOf("ghp_") + "0123",
  // hex whose digits never run to 9 in a row (letters' second nibbles a-f break them), holding a secret
  hexOf("pw=jjjjjjjj"),
  hexOf(`ghp_${"j".repeat(36)}`),
  "0123456789abcdef",
  "a".repeat(40),
  "a1".repeat(20),
  "550e8400-e29b-41d4-a716-446655440000",
  "trace-11-1201",
  "sess-release-bot-498361",
  "12345678",
  "1234",
  "-",
  "_",
  ".",
  "x",
];

describe("the identifier fast path", () => {
  it("takes a string for a plain identifier only when no pattern finds anything in it", () => {
    let plain = 0;
    const identifier = fc.oneof(
      fc.string({ unit: fc.constantFrom(...identifierChars), maxLength: 64 }),
      fc.array(fc.constantFrom(...fragments, ...identifierChars), { maxLength: 8 }).map((xs) => xs.join("")),
      fc.array(fc.constantFrom(...fragments, "-", "."), { maxLength: 4 }).map((xs) => xs.join("-")),
    );
    fc.assert(
      fc.property(identifier, (s) => {
        if (!plainIdentifier(s)) return;
        plain++;
        expect(secretSpans(s)).toEqual([]);
        expect(redactText(s)).toBe(redactAll(s));
      }),
      { numRuns: 20_000 },
    );
    // The property is only worth something if the fast path is taken often.
    expect(plain).toBeGreaterThan(2_000);
  });

  it("sends every fragment that holds a secret to the full scan, and takes everyday ids", () => {
    for (const f of fragments) if (secretSpans(f).length > 0) expect(plainIdentifier(f), f).toBe(false);
    for (const id of ["trace-11-1201", "sess-release-bot-498361", "support-assistant", "rec-2652", "a.b_c-d"])
      expect(plainIdentifier(id), id).toBe(true);
    for (const id of ["Trace-1", "trace 1", "trace/1", "trace:1", "sess-12345678-9", "0123456789abcdef", "pwd-x"])
      expect(plainIdentifier(id), id).toBe(false);
  });

  it("still masks a secret hidden in an identifier-looking string", () => {
    for (const s of [
      `x-${hexOf("password=hunter22")}`,
      `x-${hexOf("pw=jjjjjjjj")}`,
      "rec-078-05-1120",
      "run-4111-1111-1111-1111",
      `id-sk-${"a".repeat(24)}`,
    ])
      expect(redactText(s), s).toContain("[REDACTED]");
  });
});
