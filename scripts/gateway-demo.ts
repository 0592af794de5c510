import { jsonLogger } from "@/lib/gateway/logger";
import path from "node:path";
import { loadGatewayConfig } from "@/lib/gateway/config";
import { startHttpGateway } from "@/lib/gateway/gateway";
import { writeDemoFiles } from "@/prisma/seed/demo-files";
import { DEMO_FILES_DIR } from "@/prisma/seed/reference-tools";
import { args } from "./lib/args";
import { consoleSession } from "./lib/console-session";

// npm run gateway:demo [-- --url http://127.0.0.1:3000 --listen 127.0.0.1:8787 --password …]
// Against the running demo console: signs in as the demo admin, makes a gateway token and a
// credential for demo-agent through the console API, then starts the gateway with gateway.demo.yaml.
const opts = args({
  url: { type: "string" },
  listen: { type: "string" },
  password: { type: "string" },
  email: { type: "string" },
});
const url = opts.url ?? process.env.WARDEN_URL ?? "http://127.0.0.1:3000";
const password = opts.password ?? process.env.WARDEN_DEMO_PASSWORD;
const log = jsonLogger();

try {
  if (!password)
    throw new Error("Give the demo password: WARDEN_DEMO_PASSWORD=… npm run gateway:demo (npm start printed it)");
  const api = await consoleSession(url, opts.email ?? "admin@warden.local", password);
  const { token } = await api<{ token: string }>("/api/console/tokens", {
    name: `gateway-demo-${new Date().toISOString().slice(0, 16)}`,
    scopes: ["bundle", "decide", "ingest", "manifest"],
    expiresInDays: 7,
  });
  const agents = await api<{ id: string; clientId: string }[]>("/api/console/agents");
  const agent = agents.find((a) => a.clientId === "demo-agent");
  if (!agent) throw new Error("No demo-agent in this Warden: start it with the demo seed (npm start on a fresh .data)");
  const { secret } = await api<{ secret: string }>(`/api/console/agents/${agent.id}/credentials`, {
    name: "gateway demo",
  });

  writeDemoFiles();

  const config = loadGatewayConfig("gateway.demo.yaml", {
    ...process.env,
    WARDEN_URL: url,
    WARDEN_GATEWAY_TOKEN: token,
    ...(opts.listen && { WARDEN_GATEWAY_LISTEN: opts.listen }),
  });
  const gateway = await startHttpGateway(config, log);
  const mcp = `${gateway.url}/mcp/everything`;
  console.log(`
Warden gateway listening on ${gateway.url} (/mcp/everything, /mcp/filesystem, /mcp/memory)

demo-agent credential (shown once; revoke it on the agent's page in the console):
  ${secret}

Connect a real MCP client, e.g. Claude Code:
  claude mcp add --transport http warden-everything ${mcp} \\
    --header "Authorization: Bearer ${secret}" --header "x-warden-on-behalf-of: you@corp.example"

Or a desktop client that spawns servers over stdio (claude_desktop_config.json, "mcpServers"):
  "warden-memory": { "command": "npm", "args": ["run", "--silent", "gateway", "--", "--config", "${path.resolve("gateway.demo.yaml")}", "--stdio", "memory"],
                     "cwd": "${process.cwd()}", "env": { "WARDEN_GATEWAY_TOKEN": "${token}", "WARDEN_AGENT_CREDENTIAL": "${secret}" } }

Try: everything/echo (allowed), everything/get-env (denied: no grant), memory/create_entities (waits for an
approver in the console), filesystem/read_text_file on ${path.resolve(DEMO_FILES_DIR, "public/readme.txt")}
(allowed) and on ${path.resolve(DEMO_FILES_DIR, "private/salaries.csv")} (refused by Warden's path rule; a relative
path is refused too while the server shares its session with agents no path rule confines),
everything/gzip-file-as-resource
with data https://example.com/ (refused: not on the egress allow-list). Metrics: ${gateway.url}/metrics
`);
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => void gateway.close().finally(() => process.exit(0)));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
