import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { INGEST_OUTCOMES, INGEST_TEXT_LIMITS, ZIngestEvent } from "@/lib/schemas/ingest";
import { validateEvents } from "./parse-batch";
import { canonicalOutcome, canonicalTimestamp, storableEvent } from "./storable-event";

const POISON = ["\u0000", "\uD800", "\uDC00", "\uDBFF\u0000", " ", "é", "😀"];

/** Text with poison mixed in, from empty to well past every limit. */
const hostileText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.array(fc.oneof(fc.constantFrom(...POISON), fc.string({ maxLength: 5 })), { maxLength: 30 }).map((a) => a.join("")),
  fc
    .tuple(fc.integer({ min: 100, max: 4_200 }), fc.constantFrom("x", "😀", "\uD800", " "))
    .map(([n, c]) => c.repeat(n)),
);

const isoOf = (s: string) => {
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
};

const nested = (depth: number, leaf: unknown): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { [`k${i}`]: v };
  return v;
};

const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue(),
  fc.tuple(fc.integer({ min: 0, max: 140 }), hostileText).map(([d, leaf]) => nested(d, leaf)),
  fc.dictionary(hostileText, fc.oneof(hostileText, fc.integer()), { maxKeys: 6 }),
  fc.constant({ ["\u0000"]: 1, ["\\u0000"]: 2, ["__proto__"]: { polluted: true } }),
);

const anything = fc.oneof(hostileText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), hostileJson);

const hostileEvent = fc.record(
  {
    eventId: fc.oneof(fc.uuid(), hostileText),
    timestamp: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      hostileText,
    ),
    server: hostileText,
    tool: hostileText,
    agent: hostileText,
    onBehalfOf: hostileText,
    sessionId: hostileText,
    method: hostileText,
    arguments: hostileJson,
    outcome: fc.oneof(fc.constantFrom("success", "deny", "denied", "error", "pending", "allow"), hostileText),
    rule: hostileText,
    reason: hostileText,
    responseSummary: hostileText,
    recordsReturned: anything,
    bytes: anything,
    latencyMs: anything,
    traceId: hostileText,
    decisionId: hostileText,
    errorType: hostileText,
    requestId: fc.oneof(fc.integer(), fc.double(), hostileText),
    attributes: fc.oneof(
      fc.dictionary(hostileText, hostileJson, { maxKeys: 5 }),
      fc.constant({ sanitized: "not a list", unstorable: 3 }),
      hostileJson,
    ),
    surprise: anything,
  },
  { requiredKeys: [] },
);

describe("storableEvent", () => {
  it("turns any event into one ingest accepts, and a second pass changes nothing", () => {
    fc.assert(
      fc.property(hostileEvent, (e) => {
        const s = storableEvent(e);
        const parsed = ZIngestEvent.safeParse(s);
        expect(parsed.error?.issues ?? []).toEqual([]);
        // The route walks the whole event first (depth, text), then the schema.
        expect(validateEvents([JSON.parse(JSON.stringify(s))]).errors).toEqual([]);
        expect(storableEvent(s)).toEqual(s);
      }),
      { numRuns: 400 },
    );
  });

  it("records every change it makes, never the raw value, and keeps distinct values distinct", () => {
    const id = (n: number) => `${"i".repeat(INGEST_TEXT_LIMITS.requestId)}${n}`;
    const deep = nested(70, "bottom");
    const a = storableEvent({
      eventId: "e1",
      timestamp: "2026-11-01T10:00:00Z",
      server: "crm",
      agent: "bot",
      outcome: "success",
      tool: "t".repeat(200),
      requestId: id(1),
      arguments: { q: "a\u0000b", lone: "\uD800x", deep },
      attributes: { ["k".repeat(201)]: 1 },
    });
    const b = storableEvent({ ...a, requestId: id(2) });
    expect(a.tool).toHaveLength(INGEST_TEXT_LIMITS.tool);
    expect(a.tool).toMatch(/^t+…#[0-9a-f]{10}$/);
    expect(a.requestId).not.toEqual(b.requestId);
    expect(a.arguments).toMatchObject({ q: "a\\u0000b", lone: "\\ud800x" });
    expect(JSON.stringify(a.arguments)).toMatch(
      /\[cut: nested deeper than 64 levels; \d+ characters, sha256 [0-9a-f]{10}\]/,
    );
    const notes = (a.attributes as unknown as { sanitized: { field: string; what: string }[] }).sanitized;
    expect(notes.map((n) => n.field)).toEqual(
      expect.arrayContaining(["tool", "requestId", "arguments.q", "arguments.lone"]),
    );
    expect(notes.some((n) => n.field.startsWith("arguments.deep.") && /deeper/.test(n.what))).toBe(true);
    expect(notes.some((n) => /key cut from 201/.test(n.what))).toBe(true);
    expect(JSON.stringify(notes)).not.toContain("\u0000");
    // A clean event passes through as it is, with no notes.
    const clean = { eventId: "e2", timestamp: "2026-11-01T10:00:00Z", server: "crm", agent: "bot", outcome: "success" };
    expect(storableEvent(clean)).toEqual(clean);
  });

  it("takes a gateway's own timestamps and outcomes without the schema only where the schema takes them as they are", () => {
    const shape = ZIngestEvent.shape;
    const iso = fc
      .date({
        min: new Date("1960-01-01T00:00:00.000Z"),
        max: new Date("9999-12-31T23:59:59.999Z"),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString());
    const near = fc.oneof(
      iso,
      iso.map((s) => s.replace("T", " ")),
      iso.map((s) => s.slice(0, 19) + "Z"),
      hostileText,
    );
    fc.assert(
      fc.property(fc.oneof(near, fc.anything()), (v) => {
        // The fast path is exercised: a toISOString of 1970 on is canonical, and the schema keeps it unchanged.
        if (canonicalTimestamp(v)) expect(shape.timestamp.safeParse(v).success).toBe(true);
        if (typeof v === "string" && /^(19[7-9]|[2-9])/.test(v) && v === isoOf(v))
          expect(canonicalTimestamp(v)).toBe(true);
        if (canonicalOutcome(v)) expect(shape.outcome.safeParse(v)).toMatchObject({ success: true, data: v });
      }),
      { numRuns: 2000 },
    );
    for (const v of [
      "",
      null,
      undefined,
      "1969-12-31T23:59:59.999Z",
      "2026-02-30T00:00:00.000Z",
      " 2026-01-01T00:00:00.000Z",
    ])
      expect(canonicalTimestamp(v)).toBe(false);
    // The one remembered (a call's begin line) answers the done line; nothing else rides on it.
    expect(canonicalTimestamp("2026-11-01T10:00:00.000Z")).toBe(true);
    expect(canonicalTimestamp("")).toBe(false);
    for (const o of INGEST_OUTCOMES) expect(canonicalOutcome(o)).toBe(true);
    expect(canonicalOutcome("denied")).toBe(false); // an alias: the schema folds it, so it is asked
  });

  it("keeps every key, escaped, renamed on collision, and a __proto__ key as data", () => {
    const e = storableEvent({
      timestamp: "2026-11-01T10:00:00.000Z",
      server: "crm",
      agent: "bot",
      outcome: "success",
      arguments: JSON.parse('{"\\u0000": 2, "\\u0000x": 0, "\\ud800": 3, "__proto__": {"polluted": true}, "1": 1}'),
    });
    const args = e.arguments as Record<string, unknown>;
    expect(Object.getPrototypeOf(args)).toBe(Object.prototype);
    expect(Object.keys(args)).toEqual(["1", "\\u0000", "\\u0000x", "\\ud800", "__proto__"]);
    expect(Object.getOwnPropertyDescriptor(args, "__proto__")?.value).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const collided = storableEvent({ ...e, arguments: { "\u0000": 1, "\\u0000": 2 } });
    expect(collided.arguments).toEqual({ "\\u0000": 1, "\\u0000#2": 2 });
  });
});
