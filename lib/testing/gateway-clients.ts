import { setTimeout as sleep } from "node:timers/promises";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { McpError, type Tool } from "@modelcontextprotocol/sdk/types.js";
import { expect } from "vitest";
import { WARDEN_DENIED } from "@/lib/gateway/rpc-error";

/** What gateway tests share: an agent's SDK client, a server's live tools, and reading refusals. */
export type Connected = { client: Client; close: () => Promise<void> };

/** An agent connected to a gateway URL with its credential (and the person it acts for). */
export async function connectAgent(url: string, credential: string, onBehalfOf?: string): Promise<Connected> {
  const client = new Client({ name: "gateway-test-agent", version: "1.0.0" });
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
