import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { getDefaultEnvironment, StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, describe, expect, it } from "vitest";
import { loadGatewayConfig, parseGatewayConfig } from "./config";

const memoryServer = path.resolve("node_modules/@modelcontextprotocol/server-memory/dist/index.js");
const dir = mkdtempSync(path.join(tmpdir(), "warden-gateway-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = (vars: Record<string, string> = {}) => vars as NodeJS.ProcessEnv;

const yaml = `
warden: { url: "http://127.0.0.1:3000", token: "wdn_test" }
spool_dir: .data/spool
upstreams:
  memory:
    command: node
    args: [${JSON.stringify(memoryServer)}]
    env: { MEMORY_FILE_PATH: ./.data/memory.jsonl, GREETING: hello, UP: ../up.txt }
  remote: { url: "https://mcp.example.com/mcp" }
`;

describe("gateway config paths are read against the config file's folder", () => {
  const file = path.join(dir, "gateway.yaml");
  writeFileSync(file, yaml);

  it("resolves spool_dir, each stdio upstream's cwd and ./ or ../ env values; leaves other values alone", () => {
    const config = loadGatewayConfig(file, env());
    expect(config.spool_dir).toBe(path.join(dir, ".data/spool"));
    const memory = config.upstreams.memory as { cwd: string; env: Record<string, string> };
    expect(memory.cwd).toBe(dir);
    expect(memory.env).toEqual({
      MEMORY_FILE_PATH: path.join(dir, ".data/memory.jsonl"),
      GREETING: "hello",
      UP: path.join(path.dirname(dir), "up.txt"),
    });
    expect(config.upstreams.remote).toEqual({
      url: "https://mcp.example.com/mcp",
      headers: {},
      shared: false,
      max_sessions: 32,
      sampling: "allowed",
    });
    // parsed without a file, nothing is resolved
    expect(parseGatewayConfig(yaml, env()).spool_dir).toBe(".data/spool");
  });

  it("WARDEN_GATEWAY_LISTEN overrides listen, and is validated like it", () => {
    expect(loadGatewayConfig(file, env({ WARDEN_GATEWAY_LISTEN: "127.0.0.1:9911" })).listen).toBe("127.0.0.1:9911");
    expect(() => loadGatewayConfig(file, env({ WARDEN_GATEWAY_LISTEN: "9911" }))).toThrow(/listen is host:port/);
  });

  it("the real memory server writes its file beside the config, not inside its own package", async () => {
    const memory = loadGatewayConfig(file, env()).upstreams.memory as {
      command: string;
      args: string[];
      env: Record<string, string>;
      cwd: string;
    };
    mkdirSync(path.join(dir, ".data"), { recursive: true });
    const client = new Client({ name: "config-test", version: "1.0.0" });
    await client.connect(
      new StdioClientTransport({ ...memory, env: { ...getDefaultEnvironment(), ...memory.env }, stderr: "ignore" }),
    );
    try {
      const result = await client.callTool({
        name: "create_entities",
        arguments: { entities: [{ name: "warden", entityType: "product", observations: ["governs MCP"] }] },
      });
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    } finally {
      await client.close();
    }
    expect(existsSync(path.join(dir, ".data/memory.jsonl"))).toBe(true);
    expect(existsSync(path.join(path.dirname(memoryServer), ".data/memory.jsonl"))).toBe(false);
  });
});
