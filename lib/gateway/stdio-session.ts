import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import {
  ErrorCode,
  isInitializeRequest,
  isJSONRPCRequest,
  type JSONRPCMessage,
} from "@modelcontextprotocol/sdk/types.js";
import { AgentSessions, SessionRefusal, type AgentSessionHandle } from "./agent-sessions";
import type { GatewayCore } from "./core";
import type { SessionIdentity } from "./session-server";
import type { Upstream } from "./upstream";

/** The stdio transport once the agent's session is open: already started, so the SDK server's start is a no-op. */
class Started implements Transport {
  onmessage?: Transport["onmessage"];
  onclose?: () => void;
  onerror?: (error: Error) => void;
  constructor(private readonly inner: Transport) {}
  async start() {}
  send(message: JSONRPCMessage) {
    return this.inner.send(message);
  }
  close() {
    return this.inner.close();
  }
}

export type StdioSession = {
  /** settles when the agent's session ends: its client closed stdin, or its upstream session was lost */
  ended: Promise<void>;
  close: () => Promise<void>;
};

/**
 * The one agent session a stdio front end serves, on the same path as an HTTP agent session
 * (AgentSessions.start): its own upstream session, opened at the agent's `initialize` with the capabilities
 * the agent declared there (Lifecycle › Initialization), so the server's sampling, elicitation and roots
 * requests reach this agent, and its log messages reach no one else. Until that initialize arrives, a
 * request is answered with an error; a refused session (max_sessions, an upstream that cannot start) may
 * be initialized again.
 */
export async function serveStdioSession(
  core: GatewayCore,
  catalog: Upstream,
  identity: SessionIdentity,
  stdin: NodeJS.ReadableStream = process.stdin,
  stdout: NodeJS.WritableStream = process.stdout,
): Promise<StdioSession> {
  const inner = new StdioServerTransport(stdin as never, stdout as never);
  const sessions = new AgentSessions(core);
  let end!: () => void;
  const ended = new Promise<void>((r) => (end = r));
  let handle: AgentSessionHandle | null = null;
  let opening = false;
  let closed = false;
  const queued: JSONRPCMessage[] = [];
  const refuse = (message: JSONRPCMessage, code: number, text: string) =>
    isJSONRPCRequest(message)
      ? inner.send({ jsonrpc: "2.0", id: message.id, error: { code, message: text } }).catch(() => {})
      : undefined;

  const open = async (init: JSONRPCMessage) => {
    if (!isInitializeRequest(init) || !isJSONRPCRequest(init)) return;
    opening = true;
    try {
      handle = await sessions.start(
        catalog,
        init.params.capabilities,
        identity,
        () => undefined,
        () => {
          core.log("the upstream session ended: closing the stdio session", { level: "warn", upstream: catalog.slug });
          void close();
        },
      );
    } catch (error) {
      opening = false;
      const message = error instanceof SessionRefusal ? error.message : `the session could not open (${error})`;
      // What arrived while it was opening gets the same answer, so no client waits on a request forever.
      for (const m of [init, ...queued.splice(0)]) void refuse(m, -32001, message);
      return;
    }
    if (closed) return handle.close();
    const outer = new Started(inner);
    inner.onmessage = (m) => outer.onmessage?.(m);
    inner.onerror = (e) => outer.onerror?.(e);
    inner.onclose = () => {
      outer.onclose?.();
      void close();
    };
    await handle.server.connect(outer);
    for (const m of [init, ...queued.splice(0)]) outer.onmessage?.(m);
  };

  inner.onmessage = (message) => {
    if (opening) return void queued.push(message);
    if (isInitializeRequest(message)) return void open(message);
    void refuse(message, ErrorCode.InvalidRequest, "Start the session with an initialize request");
  };
  inner.onerror = (error) => core.log("stdio transport error", { level: "warn", error });
  inner.onclose = () => void close();

  const close = async () => {
    if (closed) return;
    closed = true;
    stdin.off("end", close);
    await handle?.server.close().catch(() => {});
    await handle?.close();
    await inner.close().catch(() => {});
    end();
  };
  stdin.once("end", close);
  await inner.start();
  return { ended, close };
}
