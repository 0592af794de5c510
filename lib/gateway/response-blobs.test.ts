import { gzipSync } from "node:zlib";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { CallToolResultSchema, type CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REDACTED } from "@/lib/redaction/redact";
import { secretClasses } from "@/lib/testing/secret-disguises";
import { controlResponse } from "./response-controls";

const open = { deniedFields: [], maxRecords: null };
const token = secretClasses().find((s) => s.name === "GitHub token")!.core;
const b64 = (s: string | Buffer) => Buffer.from(s).toString("base64");

describe("blobs in results: inspected when small enough, withheld whole when they hold a secret", () => {
  let client: Client;
  beforeAll(async () => {
    client = new Client({ name: "blob-check", version: "1.0.0" });
    await client.connect(
      new StdioClientTransport({
        command: "node",
        args: ["node_modules/@modelcontextprotocol/server-everything/dist/index.js", "stdio"],
        stderr: "ignore",
      }),
    );
  });
  afterAll(() => client.close());

  const gzipped = async (text: string) =>
    (await client.callTool({
      name: "gzip-file-as-resource",
      arguments: { name: "notes.txt.gz", data: `data:text/plain;base64,${b64(text)}`, outputType: "resource" },
    })) as CallToolResult;

  it("a gzip resource from server-everything whose text holds a token is replaced by a note; the SDK still parses it", async () => {
    const result = await gzipped(`deploy notes\nexport GITHUB_TOKEN=${token}\n`);
    expect(JSON.stringify(result)).not.toContain(token); // the server sent it gzip'd: invisible to plain redaction
    const { result: out, summary } = controlResponse(result, open);
    const block = out.content[0] as { type: "resource"; resource: { uri: string; text?: string; blob?: string } };
    expect(block.resource.blob).toBeUndefined();
    expect(block.resource.text).toMatch(new RegExp(`^\\${REDACTED.slice(0, -1)}\\] a resource \\(application/gzip`));
    expect(block.resource.uri).toBe((result.content[0] as typeof block).resource.uri);
    expect(summary.valuesRedacted).toBe(1);
    expect(CallToolResultSchema.safeParse(out).success).toBe(true);
  });

  it("a gzip resource without a secret passes unchanged", async () => {
    const result = await gzipped("deploy notes\nnothing secret here\n");
    expect(controlResponse(result, open).result).toEqual(result);
  });

  it("an image whose metadata holds a key, a base64 resource and base64 inside text are withheld; a clean image is kept", async () => {
    const tiny = (await client.callTool({ name: "get-tiny-image", arguments: {} })) as CallToolResult;
    const image = tiny.content.find((c) => c.type === "image")!;
    expect(controlResponse({ content: [image] }, open).result.content[0]).toEqual(image);
    const png = Buffer.concat([Buffer.from(image.data, "base64"), Buffer.from(`tEXtComment\0key ${token}`)]);
    const result: CallToolResult = {
      content: [
        { ...image, data: png.toString("base64") },
        { type: "resource", resource: { uri: "file:///a.env", mimeType: "text/plain", blob: b64(`TOKEN=${token}`) } },
        { type: "text", text: `attachment: ${gzipSync(`password=${token}`).toString("base64")} (gzip)` },
      ],
    };
    const { result: out } = controlResponse(result, open);
    expect(JSON.stringify(out)).not.toContain(token);
    expect(out.content[0]).toMatchObject({ type: "text", text: expect.stringContaining("an image (image/png") });
    expect((out.content[2] as { text: string }).text).toBe(`attachment: ${REDACTED} (gzip)`);
    expect(CallToolResultSchema.safeParse(out).success).toBe(true);
  });

  it("a blob larger than 1 MB decoded is not inspected", () => {
    const big = b64(Buffer.concat([Buffer.alloc(1024 * 1024 + 10, 0x20), Buffer.from(token)]));
    const block = { type: "resource" as const, resource: { uri: "file:///big", blob: big } };
    expect(controlResponse({ content: [block] }, open).result.content[0]).toEqual(block);
  });

  it("a key that is itself a token is masked in structured results", () => {
    const { result: out } = controlResponse({ content: [], structuredContent: { [token]: "v", ok: 1 } }, open);
    expect(out.structuredContent).toEqual({ [REDACTED]: "v", ok: 1 });
  });
});
