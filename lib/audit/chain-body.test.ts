import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "@/lib/crypto/canonical-json";
import { sha256Hex } from "@/lib/crypto/sha256";
import { bodyAt, hashRecord, prepareBody, type ChainRecord } from "./chain";

const text = fc.option(fc.string(), { nil: null });
const json = fc.option(fc.jsonValue(), { nil: null });
const records = fc.record({
  sequence: fc.bigInt({ min: 1n, max: 1n << 62n }),
  id: fc.uuid(),
  occurredAt: fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }),
  actorType: fc.constantFrom("USER", "AGENT", "SYSTEM", "TOKEN") as fc.Arbitrary<ChainRecord["actorType"]>,
  actorId: text,
  actorLabel: fc.string(),
  category: fc.string(),
  action: fc.string(),
  targetType: text,
  targetId: text,
  outcome: fc.string(),
  before: json,
  after: json,
  attributes: json,
  eventId: fc.option(text, { nil: undefined }),
  server: fc.option(text, { nil: undefined }),
  tool: fc.option(text, { nil: undefined }),
  agent: fc.option(text, { nil: undefined }),
  onBehalfOf: fc.option(text, { nil: undefined }),
  sessionId: fc.option(text, { nil: undefined }),
  userSource: fc.option(text, { nil: undefined }),
});

describe("a record's hashed body", () => {
  it("is the canonical JSON of the record with its sequence as a string, indexed columns only when set", () => {
    fc.assert(
      fc.property(records, fc.stringMatching(/^[0-9a-f]{64}$/), (record, prevHash) => {
        const { sequence, eventId, server, tool, agent, onBehalfOf, sessionId, userSource, ...rest } = record;
        const indexed = Object.entries({ eventId, server, tool, agent, onBehalfOf, sessionId, userSource }).filter(
          ([, v]) => v != null,
        );
        const whole = canonicalJson({ ...rest, ...Object.fromEntries(indexed), sequence: sequence.toString() });
        expect(bodyAt(prepareBody(record), sequence)).toBe(whole);
        expect(hashRecord(prevHash, record)).toBe(sha256Hex(prevHash, whole));
      }),
      { numRuns: 500 },
    );
  });
});
