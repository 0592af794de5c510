import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import type { AuthInfo } from "@modelcontextprotocol/sdk/server/auth/types.js";
import { Protocol } from "@modelcontextprotocol/sdk/shared/protocol.js";
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  ResultSchema,
  type Notification,
  type ServerCapabilities,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import { serverAccessDenial, toolVisible } from "@/lib/policy/visibility";
import { callTool } from "./call-path";
import { refuseInvalidCall, ZAnyToolsCall } from "./invalid-call";
import type { GatewayCore } from "./core";
import { maskOutputSchema } from "./output-schema";
import { rpcError, upstreamError, WARDEN_DENIED } from "./rpc-error";
import type { Upstream } from "./upstream";
import type { CallerUser } from "./oauth/authenticate";

/** Who is on the other end of a session, re-checked on every request (a revocation applies at once). */
export type SessionIdentity = {
  /** the agent's client id, or a denial when its credential is no longer valid */
  agent: () => string;
  /** the user of one request (from its validated token, or as a trusted agent asserts it) */
  user: (request: { authInfo?: AuthInfo }) => CallerUser;
};

// Methods other than tools that pass through once the agent may use the server at all.
const FORWARDED = new Set([
  "resources/list",
  "resources/templates/list",
  "resources/read",
  "resources/subscribe",
  "resources/unsubscribe",
  "prompts/list",
  "prompts/get",
  "completion/complete",
  "logging/setLevel",
]);
const NOTIFICATIONS = new Set([
  "notifications/message",
  "notifications/resources/updated",
  "notifications/resources/list_changed",
  "notifications/prompts/list_changed",
]);

function capabilitiesOf(upstream: ServerCapabilities): ServerCapabilities {
  return {
    tools: { listChanged: true },
    ...(upstream.resources ? { resources: upstream.resources } : {}),
    ...(upstream.prompts ? { prompts: upstream.prompts } : {}),
    ...(upstream.logging ? { logging: upstream.logging } : {}),
    ...(upstream.completions ? { completions: upstream.completions } : {}),
  };
}

/** The tools this agent may see on this upstream right now, their output schemas without denied fields. */
export function visibleTools(core: GatewayCore, upstream: Upstream, agent: string): Tool[] {
  const view = core.bundle.view();
  if (!view.ok) return [];
  const now = new Date();
  const snap = view.bundle.snapshot;
  const server = snap.servers.get(upstream.slug);
  const grants = server?.grants.get(snap.agents.get(agent)?.id ?? "") ?? [];
  const denied = [...(server?.deniedFields ?? []), ...grants.flatMap((g) => g.deniedFields)];
  return [...upstream.tools.values()]
    .filter((t) => toolVisible(snap, agent, upstream.slug, t.tool.name, t.hash, now))
    .map((t) => maskOutputSchema(t.tool, denied));
}

/**
 * The MCP server one agent session talks to: the low-level SDK Server, with tools decided by Warden
 * and everything else forwarded to the shared upstream client once the agent may use the server.
 */
export function createSessionServer(core: GatewayCore, upstream: Upstream, identity: SessionIdentity) {
  const server = new Server(
    { name: `warden-gateway/${upstream.slug}`, version: "1.0.0" },
    { capabilities: capabilitiesOf(upstream.capabilities) },
  );
  const orDeny = <T>(who: () => T) => {
    try {
      return who();
    } catch (error) {
      throw rpcError(WARDEN_DENIED, error instanceof Error ? error.message : String(error), {
        rule: "unauthenticated",
      });
    }
  };
  const agentOrDeny = () => orDeny(identity.agent);
  const progressOf = (token: unknown, send: (n: Notification) => Promise<void>) =>
    token === undefined
      ? undefined
      : (p: { progress: number; total?: number; message?: string }) =>
          void send({ method: "notifications/progress", params: { ...p, progressToken: token } }).catch(() => {});

  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: visibleTools(core, upstream, agentOrDeny()),
  }));

  // The SDK's Server checks a tools/call's params itself and answers a malformed one before any handler
  // runs: answered, yet never recorded. Registered through Protocol, the gateway sees every call.
  Protocol.prototype.setRequestHandler.call(server, ZAnyToolsCall, async (req, extra) => {
    const caller = {
      agent: agentOrDeny(),
      ...orDeny(() => identity.user(extra)),
      sessionId: extra.sessionId,
      requestId: extra.requestId,
    };
    const call = CallToolRequestSchema.safeParse(req);
    if (!call.success) throw refuseInvalidCall(core, upstream, req.params, caller, call.error);
    return callTool(core, upstream, call.data.params, {
      ...caller,
      signal: extra.signal,
      onprogress: progressOf(call.data.params._meta?.progressToken, extra.sendNotification),
    });
  });

  server.fallbackRequestHandler = async (req, extra) => {
    if (!FORWARDED.has(req.method)) throw rpcError(ErrorCode.MethodNotFound, `Method not found: ${req.method}`);
    const view = core.bundle.view();
    if (!view.ok) throw rpcError(WARDEN_DENIED, view.reason, { rule: "bundle_unavailable" });
    const denial = serverAccessDenial(view.bundle.snapshot, agentOrDeny(), upstream.slug);
    if (denial) throw rpcError(WARDEN_DENIED, `${denial.rule}: ${denial.reason}`, { rule: denial.rule });
    if (!upstream.client) throw rpcError(ErrorCode.InternalError, `${upstream.slug} is not connected`);
    const meta = (req.params as { _meta?: { progressToken?: unknown } } | undefined)?._meta;
    try {
      return await upstream.client.request({ method: req.method, params: req.params }, ResultSchema, {
        signal: extra.signal,
        onprogress: progressOf(meta?.progressToken, extra.sendNotification),
      });
    } catch (error) {
      throw upstreamError(error);
    }
  };

  // Tell the client when the tools it may see change: upstream list_changed, or a new bundle.
  let shown: string | null = null;
  const refreshList = () => {
    let agent: string;
    try {
      agent = identity.agent();
    } catch {
      agent = "";
    }
    const names = agent
      ? visibleTools(core, upstream, agent)
          .map((t) => `${t.name}`)
          .join("\n")
      : "";
    if (names === shown) return;
    const first = shown === null;
    shown = names;
    if (!first) void server.sendToolListChanged().catch(() => {});
  };
  const offTools = upstream.onToolsChanged(refreshList);
  const offBundle = core.bundle.onChange(refreshList);
  const offNotes = upstream.onNotification((n) => {
    if (NOTIFICATIONS.has(n.method)) void server.notification(n).catch(() => {});
  });
  server.oninitialized = refreshList;
  const dispose = () => {
    offTools();
    offBundle();
    offNotes();
  };
  return { server, dispose };
}
