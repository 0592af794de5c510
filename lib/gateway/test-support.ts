import type { ChildProcess } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { LATEST_PROTOCOL_VERSION, McpError } from "@modelcontextprotocol/sdk/types.js";
import { expect } from "vitest";

/** Test support for gateway tests: an SDK client session, a raw JSON-RPC session, and waiting helpers. */

export async function connect(url: string, credential: string, onBehalfOf?: string) {
  const client = new Client({ name: "test-agent", version: "1.0.0" });
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

export type RpcAnswer = { id?: unknown; result?: unknown; error?: { code: number; message: string; data?: unknown } };

/**
 * A session spoken as raw JSON-RPC over HTTP POST (Streamable HTTP transport), for what the SDK client
 * never sends: ids of any length or type, chosen by the test. Answers come as JSON or as one SSE event.
 */
export async function rawSession(url: string, credential: string) {
  let session: string | null = null;
  const post = async (message: unknown): Promise<RpcAnswer | null> => {
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
    if (res.status === 202 || !body) return null;
    if (!(res.headers.get("content-type") ?? "").includes("text/event-stream")) return JSON.parse(body) as RpcAnswer;
    const data = body
      .split("\n")
      .filter((l) => l.startsWith("data:"))
      .map((l) => l.slice(5).trim())
      .filter(Boolean);
    return data.length ? (JSON.parse(data[data.length - 1]) as RpcAnswer) : null;
  };
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
    /** Any request, params as given (or none). */
    request: (id: string | number, method: string, params?: unknown) =>
      post({ jsonrpc: "2.0", id, method, ...(params === undefined ? {} : { params }) }),
    close: () =>
      fetch(url, { method: "DELETE", headers: { authorization: `Bearer ${credential}`, "mcp-session-id": session! } }),
  };
}

export const text = (r: unknown) => ((r as { content: { text?: string }[] }).content[0]?.text ?? "") as string;

export async function rejection(p: Promise<unknown>) {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(McpError);
  return error as McpError & { data: { rule: string; approvalId?: string } };
}

/** Asks a child to stop (SIGTERM: it ships its spool first) and waits until it has, killing it after 20 s. */
export async function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  await exited;
  clearTimeout(timer);
}

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

/** A port free right now, for a listener whose own config must name its port (the gateway checks Host against it). */
export async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}
