import type { ChildProcess } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import {
  LATEST_PROTOCOL_VERSION,
  McpError,
  type ClientCapabilities,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import { expect } from "vitest";
import { WARDEN_DENIED } from "@/lib/gateway/rpc-error";

/** What gateway tests share: an agent's SDK client, a server's live tools, and reading refusals. */
export type Connected = { client: Client; close: () => Promise<void> };

/**
 * An agent connected to a gateway URL with its credential (and the person it acts for); `prepare`
 * gives it client capabilities and handlers before it initializes.
 */
export async function connectAgent(
  url: string,
  credential: string,
  onBehalfOf?: string,
  prepare?: { capabilities: ClientCapabilities; handlers?: (client: Client) => void },
): Promise<Connected> {
  const client = new Client(
    { name: "gateway-test-agent", version: "1.0.0" },
    prepare ? { capabilities: prepare.capabilities } : undefined,
  );
  prepare?.handlers?.(client);
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: {
      headers: {
        authorization: `Bearer ${credential}`,
        ...(onBehalfOf ? { "x-warden-on-behalf-of": onBehalfOf } : {}),
      },
    },
  });
  await client.connect(transport);
  return { client, close: () => transport.terminateSession().finally(() => client.close()) };
}

/** The live tools of an npm server over stdio, as the gateway will see them. */
export async function liveTools(command: string, args: string[], env: Record<string, string> = {}): Promise<Tool[]> {
  const client = new Client({ name: "inventory", version: "1.0.0" });
  await client.connect(new StdioClientTransport({ command, args, env: { ...process.env, ...env } as never }));
  const { tools } = await client.listTools();
  await client.close();
  return tools;
}

/** The error a call was refused with (it must be refused with an MCP error). */
export async function rejection(p: Promise<unknown>) {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(McpError);
  return error as McpError & { data: { rule: string; approvalId?: string } };
}

/** The rule a call was denied by (a WARDEN_DENIED error). */
export async function refusal(p: Promise<unknown>): Promise<string> {
  const error = await rejection(p);
  expect(error.code).toBe(WARDEN_DENIED);
  return error.data.rule;
}

export const textOf = (r: unknown) =>
  (r as { content: { type: string; text?: string }[] }).content.map((c) => c.text ?? "");

/** Polls until the probe gives a value, or throws after `ms`. */
export async function until<T>(
  probe: () => Promise<T | undefined>,
  ms: number,
): Promise<{ value: T; elapsed: number }> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return { value, elapsed: Date.now() - started };
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await sleep(25);
  }
}

/** A message on an answer's stream: a notification (method, params) or the answer itself. */
export type RpcMessage = RpcAnswer & { method?: string; params?: Record<string, unknown> };

export type RpcAnswer = { id?: unknown; result?: unknown; error?: { code: number; message: string; data?: unknown } };

/**
 * A session spoken as raw JSON-RPC over HTTP POST (Streamable HTTP transport), for what the SDK client
 * never sends: ids of any length or type, chosen by the test. Answers come as JSON or as one SSE event.
 */
export async function rawSession(url: string, credential: string) {
  let session: string | null = null;
  /** Every message of the answer: one JSON body, or each event of the POST's SSE stream in order. */
  const messages = async (message: unknown): Promise<RpcMessage[]> => {
    const res = await fetch(url, {
      method: "POST",
      headers: {
        authorization: `Bearer ${credential}`,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        ...(session ? { "mcp-session-id": session, "mcp-protocol-version": LATEST_PROTOCOL_VERSION } : {}),
      },
      body: JSON.stringify(message),
    });
    session ??= res.headers.get("mcp-session-id");
    const body = await res.text();
    if (res.status === 202 || !body) return [];
    if (!(res.headers.get("content-type") ?? "").includes("text/event-stream")) return [JSON.parse(body) as RpcMessage];
    return body
      .split("\n")
      .filter((l) => l.startsWith("data:"))
      .map((l) => l.slice(5).trim())
      .filter(Boolean)
      .map((d) => JSON.parse(d) as RpcMessage);
  };
  const post = async (message: unknown): Promise<RpcAnswer | null> => (await messages(message)).at(-1) ?? null;
  const init = await post({
    jsonrpc: "2.0",
    id: 0,
    method: "initialize",
    params: { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: "raw", version: "1" } },
  });
  if (!init?.result) throw new Error(`initialize failed: ${JSON.stringify(init)}`);
  await post({ jsonrpc: "2.0", method: "notifications/initialized" });
  return {
    call: (id: string | number, name: string, args: unknown) =>
      post({ jsonrpc: "2.0", id, method: "tools/call", params: { name, arguments: args } }),
    /** Any request, with every message its answer carries (notifications on its stream, then the answer). */
    stream: (id: string | number, method: string, params?: unknown) =>
      messages({ jsonrpc: "2.0", id, method, ...(params === undefined ? {} : { params }) }),
    /** Any request, params as given (or none). */
    request: (id: string | number, method: string, params?: unknown) =>
      post({ jsonrpc: "2.0", id, method, ...(params === undefined ? {} : { params }) }),
    close: () =>
      fetch(url, { method: "DELETE", headers: { authorization: `Bearer ${credential}`, "mcp-session-id": session! } }),
  };
}

/** The first text block of a result. */
export const text = (r: unknown) => ((r as { content: { text?: string }[] }).content[0]?.text ?? "") as string;

/** Asks a child to stop (SIGTERM: it ships its spool first) and waits until it has, killing it after 20 s. */
export async function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  await exited;
  clearTimeout(timer);
}

/** A port free right now, for a listener whose own config must name its port (the gateway checks Host against it). */
export async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}
