import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseBatch } from "./parse-batch";
import { redactArguments } from "./redact-values";

const event = (over: Record<string, unknown> = {}) => ({
  timestamp: "2026-11-01T10:00:00Z",
  server: "crm",
  tool: "query",
  agent: "bot",
  outcome: "success",
  ...over,
});

describe("ingest batch parsing", () => {
  it("accepts an array, an {events} object and NDJSON", () => {
    expect(parseBatch(JSON.stringify([event()]), "application/json")).toMatchObject({
      ok: true,
      events: [{ server: "crm" }],
    });
    expect(parseBatch(JSON.stringify({ events: [event(), event()] }), "application/json")).toMatchObject({
      ok: true,
      events: [{}, {}],
    });
    expect(
      parseBatch(`${JSON.stringify(event())}\n\n${JSON.stringify(event({ tool: "b" }))}\n`, "application/x-ndjson"),
    ).toMatchObject({ ok: true, events: [{ tool: "query" }, { tool: "b" }] });
  });

  it("reports every invalid event by index and field, for a mixed batch", () => {
    const r = parseBatch(
      JSON.stringify([event(), event({ outcome: "maybe" }), { server: "x" }, event({ recordsReturned: -1 })]),
      "application/json",
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ index: 1, field: "outcome" }),
        expect.objectContaining({ index: 2, field: "agent" }),
        expect.objectContaining({ index: 3, field: "recordsReturned" }),
      ]),
    );
    expect(r.errors.some((e) => e.index === 0)).toBe(false);
  });

  it("maps the OpenTelemetry MCP names", () => {
    const r = parseBatch(
      JSON.stringify([
        {
          timestamp: "2026-11-01T10:00:00Z",
          "mcp.method.name": "tools/call",
          "mcp.session.id": "s-1",
          "mcp.server.name": "crm",
          "mcp.client.name": "bot",
          "gen_ai.tool.name": "query",
          "gen_ai.tool.call.arguments": '{"q":1}',
          "gen_ai.tool.call.result": { rows: 2 },
          "error.type": "Timeout",
          "jsonrpc.request.id": 7,
        },
      ]),
      "application/json",
    );
    expect(r).toMatchObject({
      ok: true,
      events: [
        {
          method: "tools/call",
          sessionId: "s-1",
          server: "crm",
          agent: "bot",
          tool: "query",
          arguments: { q: 1 },
          responseSummary: '{"rows":2}',
          errorType: "Timeout",
          requestId: 7,
          outcome: "error",
        },
      ],
    });
  });

  it("derives the outcome of an OpenTelemetry-shaped event from its status or error.type, never refusing it", () => {
    const base = { timestamp: "2026-11-01T10:00:00Z", "mcp.server.name": "crm", "mcp.client.name": "bot" };
    const r = parseBatch(
      JSON.stringify([
        { ...base, "gen_ai.tool.name": "query" },
        { ...base, "gen_ai.tool.name": "query", "otel.status_code": "ERROR" },
        { ...base, "mcp.method.name": "tools/list", "otel.status_code": "OK" },
      ]),
      "application/json",
    );
    expect(r).toMatchObject({
      ok: true,
      events: [{ outcome: "success" }, { outcome: "error" }, { outcome: "success", method: "tools/list" }],
    });
    // A plain Warden event still has to say how the call ended.
    expect(parseBatch(JSON.stringify([{ ...event(), outcome: undefined }]), "application/json").ok).toBe(false);
  });

  it('cannot borrow fields through "__proto__" or inherited alias names', () => {
    const raw = `[{"timestamp":"2026-11-01T10:00:00Z","server":"crm","tool":"query","outcome":"success","constructor":"x","__proto__":{"agent":"spoofed"}}]`;
    const r = parseBatch(raw, "application/json");
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors).toEqual([
        expect.objectContaining({ index: 0, field: "agent" }),
        expect.objectContaining({ index: 0, message: 'Unrecognized keys: "constructor", "__proto__"' }),
      ]);
  });

  it("refuses oversize batches and garbage with 413 and 400", () => {
    expect(() => parseBatch(JSON.stringify(Array.from({ length: 5001 }, () => event())), "application/json")).toThrow(
      expect.objectContaining({ code: "PAYLOAD_TOO_LARGE" }),
    );
    expect(() => parseBatch("x".repeat(5 * 1024 * 1024 + 1), "application/json")).toThrow(
      expect.objectContaining({ code: "PAYLOAD_TOO_LARGE" }),
    );
    expect(() => parseBatch("{nope", "application/json")).toThrow(expect.objectContaining({ code: "BAD_REQUEST" }));
    expect(() => parseBatch("{}\n{nope", "application/x-ndjson")).toThrow(
      expect.objectContaining({ code: "BAD_REQUEST" }),
    );
  });

  it("never throws anything but an AppError on arbitrary input (fuzz)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.array(fc.jsonValue()).map((a) => JSON.stringify(a)),
        ),
        fc.constantFrom("application/json", "application/x-ndjson"),
        (text, type) => {
          try {
            const r = parseBatch(text, type);
            expect(typeof r.ok).toBe("boolean");
          } catch (e) {
            expect((e as { name: string }).name).toBe("AppError");
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("redacts sensitive keys, denied fields, SSNs and card numbers", () => {
    const out = redactArguments(
      {
        password: "hunter2",
        Salary__c: 1,
        note: "ssn 123-45-6789 card 4111 1111 1111 1111 order 1234567890123",
        nested: [{ apiToken: "x" }],
      },
      ["Salary__c"],
    );
    expect(out).toEqual({
      password: "[REDACTED]",
      Salary__c: "[REDACTED]",
      note: "ssn [REDACTED] card [REDACTED] order 1234567890123",
      nested: [{ apiToken: "[REDACTED]" }],
    });
  });
});
