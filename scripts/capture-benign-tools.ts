import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

// npx tsx scripts/capture-benign-tools.ts
// Runs the MCP reference servers installed in node_modules and records every text their `tools/list`
// and `prompts/list` give a model, as the benign half of lib/registry/poisoning/eval. Re-run after
// upgrading a server; the captured JSON is committed so tests and the bench stay offline.
const pkg = (name: string) => join(process.cwd(), "node_modules/@modelcontextprotocol", name);
const version = (name: string) =>
  (JSON.parse(readFileSync(join(pkg(name), "package.json"), "utf8")) as { version: string }).version;
const servers: { slug: string; pkg: string; args: string[] }[] = [
  { slug: "everything", pkg: "server-everything", args: ["stdio"] },
  { slug: "filesystem", pkg: "server-filesystem", args: [mkdtempSync(join(tmpdir(), "capture-fs-"))] },
  { slug: "memory", pkg: "server-memory", args: [] },
  { slug: "postgres", pkg: "server-postgres", args: ["postgresql://postgres@127.0.0.1:5432/postgres"] },
];

async function capture(s: (typeof servers)[number]) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [join(pkg(s.pkg), "dist/index.js"), ...s.args],
    env: { ...process.env, MEMORY_FILE_PATH: join(tmpdir(), `capture-memory-${process.pid}.json`) } as Record<
      string,
      string
    >,
    stderr: "ignore",
  });
  // A client that declares sampling, elicitation and roots: servers list the tools that use them only then.
  const client = new Client(
    { name: "warden-capture", version: "1" },
    { capabilities: { sampling: {}, elicitation: { form: {}, url: {} }, roots: {} } },
  );
  await client.connect(transport);
  // tools/list and prompts/list: MCP spec 2025-06-18, server/tools and server/prompts.
  const { tools } = await client.listTools();
  const prompts = client.getServerCapabilities()?.prompts ? (await client.listPrompts()).prompts : [];
  await client.close();
  return {
    slug: s.slug,
    source: `@modelcontextprotocol/${s.pkg}@${version(s.pkg)} tools/list + prompts/list`,
    licence: "MIT",
    tools,
    prompts,
  };
}

async function main() {
  const captured = [];
  for (const s of servers) captured.push(await capture(s));
  const out = join(process.cwd(), "lib/registry/poisoning/eval/benign-reference-servers.json");
  writeFileSync(
    out,
    `${JSON.stringify({ note: "Captured by scripts/capture-benign-tools.ts", servers: captured }, null, 2)}\n`,
  );
  console.log(captured.map((c) => `${c.slug}: ${c.tools.length} tools, ${c.prompts.length} prompts`).join("\n"));
}
void main();
