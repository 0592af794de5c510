import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { REDACTED, TOO_DEEP } from "@/lib/redaction/redact";
import { controlResponse, TRUNCATION_META } from "./response-controls";

const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: i, name: `acct ${i}`, profile: { SSN: "123-45-6789", tier: "gold" } }));
const controls = { deniedFields: ["ssn"], maxRecords: null };

describe("response controls", () => {
  it("removes denied fields at any depth from structuredContent and from JSON inside text", () => {
    const result: CallToolResult = {
      content: [{ type: "text", text: JSON.stringify({ accounts: rows(2) }, null, 2) }],
      structuredContent: { accounts: rows(2) },
    };
    const { result: out, summary } = controlResponse(result, controls);
    expect(JSON.stringify(out)).not.toMatch(/ssn|123-45/i);
    expect(out.structuredContent).toEqual({ accounts: rows(2).map((r) => ({ ...r, profile: { tier: "gold" } })) });
    expect(JSON.parse((out.content[0] as { text: string }).text).accounts[1].profile).toEqual({ tier: "gold" });
    expect((out.content[0] as { text: string }).text).toContain("\n"); // pretty stays pretty
    expect(summary.fieldsMasked).toBe(4);
    expect(summary.recordsReturned).toBe(2);
  });

  it("treats text that mirrors structuredContent as the same data", () => {
    const data = { accounts: rows(3) };
    const { result: out } = controlResponse(
      { content: [{ type: "text", text: JSON.stringify(data) }], structuredContent: data },
      { deniedFields: ["ssn"], maxRecords: 2 },
    );
    expect((out.content[0] as { text: string }).text).toBe(JSON.stringify(out.structuredContent));
    expect((out.structuredContent as typeof data).accounts).toHaveLength(2);
    expect(JSON.stringify(out)).not.toContain("SSN");
  });

  it("redacts secrets and personal numbers with the audit log's code, in plain text and in JSON", () => {
    const result: CallToolResult = {
      content: [
        { type: "text", text: "call me, my SSN is 078-05-1120 and the key AKIAABCDEFGHIJKLMNOP" },
        { type: "text", text: '{"note":"password=hunter2","apiKey":"k-1"}' },
      ],
    };
    const { result: out, summary } = controlResponse(result, { deniedFields: [], maxRecords: null });
    const [plain, json] = out.content as { text: string }[];
    expect(plain.text).toBe(`call me, my SSN is ${REDACTED} and the key ${REDACTED}`);
    expect(JSON.parse(json.text)).toEqual({ note: `password=${REDACTED}`, apiKey: REDACTED });
    expect(summary.valuesRedacted).toBe(3);
  });

  it("redacts an embedded resource's text and a resource link's words as it redacts any text", () => {
    const uri = "demo://resource/dynamic/text/1";
    const result: CallToolResult = {
      content: [
        { type: "resource", resource: { uri, mimeType: "text/plain", text: "key AKIAABCDEFGHIJKLMNOP" } },
        { type: "resource_link", uri, name: "AKIAABCDEFGHIJKLMNOP", description: "SSN 078-05-1120" },
      ],
    };
    const { result: out, summary } = controlResponse(result, { deniedFields: [], maxRecords: null });
    expect(out.content[0]).toEqual({
      type: "resource",
      resource: { uri, mimeType: "text/plain", text: `key ${REDACTED}` },
    });
    expect(out.content[1]).toEqual({ type: "resource_link", uri, name: REDACTED, description: `SSN ${REDACTED}` });
    expect(summary.valuesRedacted).toBe(3);
  });

  it("cuts records past the limit and says so; under the limit it adds nothing", () => {
    const result: CallToolResult = {
      content: [{ type: "text", text: JSON.stringify(rows(8)) }],
      structuredContent: { total: 8, accounts: rows(8) },
    };
    const { result: out, summary } = controlResponse(result, { deniedFields: [], maxRecords: 5 });
    expect((out.structuredContent as { accounts: unknown[] }).accounts).toHaveLength(5);
    expect(JSON.parse((out.content[0] as { text: string }).text)).toHaveLength(5);
    expect(out._meta?.[TRUNCATION_META]).toEqual({ recordsCut: 3, limit: 5 });
    expect((out.content.at(-1) as { text: string }).text).toMatch(/3 record\(s\) past the limit of 5 were cut/);
    expect(summary).toMatchObject({ recordsCut: 3, recordsReturned: 5 });
    expect(summary.responseSummary).toContain("3 record(s) cut");

    const small = controlResponse(result, { deniedFields: [], maxRecords: 10 });
    expect(small.result.content).toHaveLength(1);
    expect(small.result._meta).toBeUndefined();
    expect(small.summary.recordsCut).toBe(0);
  });

  it("never mutates its input, passes other blocks through, and reports a tool error", () => {
    const result: CallToolResult = {
      content: [
        { type: "image", data: "iVBORw0KGgo=", mimeType: "image/png" },
        { type: "resource", resource: { uri: "file:///a.json", text: '{"ssn":"1","ok":true}' } },
        { type: "text", text: "{not json, key AKIAABCDEFGHIJKLMNOP" },
      ],
      structuredContent: { ssn: "1" },
      isError: true,
    };
    const before = JSON.stringify(result);
    const { result: out, summary } = controlResponse(result, controls);
    expect(JSON.stringify(result)).toBe(before);
    expect(out.content[0]).toBe(result.content[0]);
    expect((out.content[1] as { resource: { text: string } }).resource.text).toBe('{"ok":true}');
    expect((out.content[2] as { text: string }).text).toBe(`{not json, key ${REDACTED}`);
    expect(out.structuredContent).toEqual({});
    expect(summary.responseSummary).toMatch(/tool error$/);
  });

  it('keeps a "__proto__" key from the wire as data, masked like any other', () => {
    const text = '{"__proto__":{"ssn":"1","plan":"pro"},"id":1}';
    const { result: out } = controlResponse({ content: [{ type: "text", text }] }, controls);
    const written = (out.content[0] as { text: string }).text;
    expect(written).toBe('{"__proto__":{"plan":"pro"},"id":1}');
  });

  it("survives a hostile, 10,000-deep document", () => {
    let deep: unknown = "bottom";
    for (let i = 0; i < 10_000; i++) deep = { d: deep };
    const { result: out } = controlResponse(
      {
        content: [{ type: "text", text: `${'{"d":'.repeat(10_000)}"bottom"${"}".repeat(10_000)}` }],
        structuredContent: deep as Record<string, unknown>,
      },
      controls,
    );
    expect(JSON.stringify(out)).toContain(TOO_DEEP);
  });
});
