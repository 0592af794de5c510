import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { expect, it } from "vitest";
import { liveToolHash } from "@/lib/registry/live-tool-hash";
import { REFERENCE_TOOLS, type ReferenceServer } from "@/prisma/seed/reference-tools";

const PKG = "node_modules/@modelcontextprotocol";
const dir = mkdtempSync(path.join(tmpdir(), "warden-ref-"));
const SERVERS: Record<ReferenceServer, string[]> = {
  everything: [`${PKG}/server-everything/dist/index.js`, "stdio"],
  filesystem: [`${PKG}/server-filesystem/dist/index.js`, dir],
  memory: [`${PKG}/server-memory/dist/index.js`],
};

it("the demo's recorded tool definitions are what the installed reference servers offer", async () => {
  for (const [kind, args] of Object.entries(SERVERS) as [ReferenceServer, string[]][]) {
    const client = new Client({ name: "fixture-check", version: "1.0.0" });
    await client.connect(
      new StdioClientTransport({
        command: "node",
        args,
        stderr: "ignore",
        env: { MEMORY_FILE_PATH: path.join(dir, "m.jsonl") },
      }),
    );
    const live = (await client.listTools()).tools.map((t) => [t.name, liveToolHash(t)]);
    await client.close();
    expect(live, `${kind}: re-record prisma/seed/mcp-reference-tools.json after upgrading the package`).toEqual(
      REFERENCE_TOOLS[kind].map((t) => [t.name, liveToolHash(t)]),
    );
    expect(live.every(([, h]) => h !== null)).toBe(true);
  }
});
