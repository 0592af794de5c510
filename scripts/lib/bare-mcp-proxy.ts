import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import {
  CallToolRequestSchema,
  CallToolResultSchema,
  isInitializeRequest,
  ListToolsRequestSchema,
} from "@modelcontextprotocol/sdk/types.js";

/**
 * The floor the gateway is measured against: a bare SDK pass-through proxy, streamable HTTP in, stdio out,
 * shaped like the gateway (one upstream process per agent session, opened at initialize, closed with the
 * session), answering with JSON bodies, and doing nothing else: no identity, policy, audit or controls.
 */
export async function serveBarePassThrough(port: number, upstreamCommand: string[], floorAnswer: string) {
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const http = createServer(async (req, res) => {
    if (req.url === "/ready") return res.writeHead(200).end();
    if (req.url === "/floor") return floor(req, res, floorAnswer);
    const id = req.headers["mcp-session-id"];
    if (typeof id === "string") {
      const session = sessions.get(id);
      return session ? session.handleRequest(req, res) : res.writeHead(404).end();
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString());
    if (!isInitializeRequest(body)) return res.writeHead(400).end();
    const upstream = new Client({ name: "bare-proxy", version: "1.0.0" });
    const [command, ...args] = upstreamCommand;
    await upstream.connect(new StdioClientTransport({ command, args, stderr: "ignore" }));
    const server = new Server(upstream.getServerVersion()!, {
      capabilities: { tools: {} },
      instructions: upstream.getInstructions(),
    });
    server.setRequestHandler(ListToolsRequestSchema, (r) => upstream.listTools(r.params));
    server.setRequestHandler(CallToolRequestSchema, (r, extra) =>
      upstream.request({ method: "tools/call", params: r.params }, CallToolResultSchema, { signal: extra.signal }),
    );
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      enableJsonResponse: true,
      onsessioninitialized: (sid) => void sessions.set(sid, transport),
      onsessionclosed: (sid) => void sessions.delete(sid),
    });
    transport.onclose = () => void upstream.close();
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  });
  await new Promise<void>((r) => http.listen(port, "127.0.0.1", r));
  return http;
}

/** The floor for /v1/decide: a bare Node server that reads the JSON body and answers a fixed decision. */
async function floor(req: IncomingMessage, res: ServerResponse, answer: string) {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  JSON.parse(Buffer.concat(chunks).toString());
  res.writeHead(200, { "content-type": "application/json" }).end(answer);
}
