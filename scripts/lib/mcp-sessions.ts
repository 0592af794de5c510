import { readFileSync, readdirSync } from "node:fs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

/** An agent session over streamable HTTP, and how to end it as an agent does (DELETE, then close). */
export type AgentSession = { client: Client; end: () => Promise<void> };

export async function openSession(url: string, headers: Record<string, string> = {}): Promise<AgentSession> {
  const client = new Client({ name: "bench", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
  await client.connect(transport);
  return {
    client,
    end: async () => {
      await transport.terminateSession().catch(() => {});
      await client.close();
    },
  };
}

export const echo = (client: Client, i: number) => client.callTool({ name: "echo", arguments: { message: `m${i}` } });

/** Sequential calls of `op` on one client, each call's latency (ms) pushed to `into`. */
export async function timeEach(n: number, op: (i: number) => Promise<unknown>, into: number[]) {
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await op(i);
    into.push(performance.now() - t);
  }
}

/** `total` echo calls spread over the sessions, each session one call at a time: calls a second. */
export async function callsPerSecond(sessions: AgentSession[], total: number) {
  let left = total;
  const started = performance.now();
  await Promise.all(
    sessions.map(async (s) => {
      while (left-- > 0) await echo(s.client, left);
    }),
  );
  return total / ((performance.now() - started) / 1000);
}

/** Resident set size of a process, in bytes (Linux /proc). */
export function rssOf(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8")
      .split("\n")
      .find((l) => l.startsWith("VmRSS:"));
    return Number(/(\d+)/.exec(line ?? "")?.[1] ?? 0) * 1024;
  } catch {
    return 0; // gone since it was listed
  }
}

/** The direct children of a process (its upstream processes, for a proxy): /proc/<pid>/task/<tid>/children. */
export function childrenOf(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
    readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").split(" ").filter(Boolean).map(Number),
  );
}

/** A proxy's own RSS, and its upstream processes' count and summed RSS. */
export function memoryOf(pid: number) {
  const kids = childrenOf(pid);
  return { own: rssOf(pid), upstreams: kids.length, upstreamRss: kids.reduce((sum, k) => sum + rssOf(k), 0) };
}
