import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import type { AuthInfo } from "@modelcontextprotocol/sdk/server/auth/types.js";
import { Protocol } from "@modelcontextprotocol/sdk/shared/protocol.js";
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  ListToolsResultSchema,
  ReadResourceRequestSchema,
  ResultSchema,
  type Notification,
  type RequestId,
  type ServerCapabilities,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import { inForce } from "@/lib/policy/grant-entitlement";
import { scopeOf } from "@/lib/policy/resource-scope";
import { serverAccessDenial, toolVisible } from "@/lib/policy/visibility";
import { liveToolHash } from "@/lib/registry/live-tool-hash";
import { callTool, type CallerContext } from "./call-path";
import { readResource } from "./resource-read";
import { filterListed, grantScopeDenial, refuseOutOfScope } from "./resource-prompt-gate";
import { refuseInvalidCall, ZAnyToolsCall } from "./invalid-call";
import type { GatewayCore } from "./core";
import { maskOutputSchema } from "./output-schema";
import { rpcError, upstreamError, WARDEN_DENIED } from "./rpc-error";
import type { LiveTool, Upstream } from "./upstream";
import type { CallerUser } from "./oauth/authenticate";
import { scopeDenial } from "./oauth/scopes";

/** Who is on the other end of a session, re-checked on every request (a revocation applies at once). */
export type SessionIdentity = {
  /** the agent's client id, or a denial when its credential is no longer valid */
  agent: () => string;
  /** the user of one request (from its validated token, or as a trusted agent asserts it) */
  user: (request: { authInfo?: AuthInfo }) => CallerUser;
};

// Methods other than tools that pass through to the agent's upstream session once it has a grant on the
// server. A list without a grant is empty; anything else is refused. With a grant, lists keep what its
// resource patterns and prompts cover, and a request for one resource, prompt or completion outside them is
// refused and recorded (./resource-prompt-gate.ts).
const FORWARDED = new Set([
  "resources/list",
  "resources/templates/list",
  "resources/subscribe",
  "resources/unsubscribe",
  "prompts/list",
  "prompts/get",
  "completion/complete",
  // Server utilities › Logging: the level is the agent's to set on its own upstream session.
  "logging/setLevel",
]);
const EMPTY_LISTS: Record<string, string> = {
  "resources/list": "resources",
  "resources/templates/list": "resourceTemplates",
  "prompts/list": "prompts",
};
/**
 * Notifications an agent's own upstream session sends on. Log messages go on the stream of the request
 * that caused them, else the session's GET stream (Transports › Streamable HTTP › Sending Messages to the
 * Server; Server utilities › Logging). A shared upstream's cannot be told apart: only its list changes pass.
 */
const NOTIFICATIONS = new Set([
  "notifications/message",
  "notifications/resources/updated",
  "notifications/resources/list_changed",
  "notifications/prompts/list_changed",
  "notifications/elicitation/complete",
]);
const SHARED_NOTIFICATIONS = new Set(["notifications/resources/list_changed", "notifications/prompts/list_changed"]);

/**
 * What the gateway can honour of the upstream's capabilities (Lifecycle › Capability Negotiation).
 *
 * `tasks` is not offered, even when the upstream offers it (Basic › Utilities › Tasks, 2025-11-25:
 * https://modelcontextprotocol.io/specification/2025-11-25/basic/utilities/tasks). A task-augmented
 * tools/call answers with a CreateTaskResult, and the tool's own result comes later from `tasks/result`:
 * outside the call path, so the response controls (masking, redaction, record cuts), the audit record of
 * the call's outcome and the approval wait would not apply to what the agent finally reads, and
 * `tasks/list` on a shared upstream lists every agent's tasks. Until tasks/* are routed to the agent's own
 * upstream session with the result put through the call path, a task-augmented call is processed as a
 * plain call (see `plainCall`).
 */
function capabilitiesOf(upstream: ServerCapabilities): ServerCapabilities {
  return {
    tools: { listChanged: true },
    ...(upstream.resources ? { resources: upstream.resources } : {}),
    ...(upstream.prompts ? { prompts: upstream.prompts } : {}),
    ...(upstream.logging ? { logging: upstream.logging } : {}),
    ...(upstream.completions ? { completions: upstream.completions } : {}),
    ...(upstream.experimental ? { experimental: upstream.experimental } : {}),
  };
}

/**
 * A tools/call without its task augmentation. Tasks › Task Support and Handling: "Receivers that do not
 * declare the task capability for a request type MUST process requests of that type normally, ignoring
 * any task-augmentation metadata if present." Forwarded as it came, an upstream that offers tasks would
 * answer with a task whose result the gateway never sees.
 */
function plainCall<P extends { task?: unknown }>(params: P): Omit<P, "task"> {
  const plain = { ...params };
  delete plain.task;
  return plain;
}

/** The agent's grants on the server, or none: what a resource, prompt or completion needs. */
function grantsOf(core: GatewayCore, slug: string, agent: string) {
  const view = core.bundle.view();
  if (!view.ok) throw rpcError(WARDEN_DENIED, view.reason, { rule: "bundle_unavailable" });
  const denial = serverAccessDenial(view.bundle.snapshot, agent, slug);
  if (denial) throw rpcError(WARDEN_DENIED, `${denial.rule}: ${denial.reason}`, { rule: denial.rule });
  const server = view.bundle.snapshot.servers.get(slug)!;
  const grants = server.grants.get(view.bundle.snapshot.agents.get(agent)?.id ?? "") ?? [];
  const now = new Date();
  return {
    server,
    grants: grants.filter((g) => inForce(g, now)),
  };
}

/**
 * The tools this agent may see on this upstream right now (of `listed`: by default every tool the gateway
 * knows), their output schemas without denied fields.
 */
export function visibleTools(
  core: GatewayCore,
  upstream: Upstream,
  agent: string,
  listed: Iterable<LiveTool> = upstream.tools.values(),
): Tool[] {
  const view = core.bundle.view();
  if (!view.ok) return [];
  const now = new Date();
  const snap = view.bundle.snapshot;
  const server = snap.servers.get(upstream.slug);
  const grants = server?.grants.get(snap.agents.get(agent)?.id ?? "") ?? [];
  const denied = [...(server?.deniedFields ?? []), ...grants.flatMap((g) => g.deniedFields)];
  return [...listed]
    .filter((t) => toolVisible(snap, agent, upstream.slug, t.tool.name, t.hash, now))
    .map((t) => maskOutputSchema(t.tool, denied));
}

/**
 * One page of the upstream's tools, hashed, for the agent's cursor (Server utilities › Pagination: "The
 * cursor is an opaque string token", the page size is the server's): the agent's cursor goes to the upstream
 * as it came, and the upstream's nextCursor back, so the agent pages the server itself, minus what it may not
 * see. A cursor the upstream refuses is refused to the agent with the upstream's error (-32602).
 * https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/pagination
 * Before the upstream is connected, the gateway's own list (empty then) is the one page.
 */
async function upstreamToolsPage(
  upstream: Upstream,
  cursor: string | undefined,
  signal: AbortSignal,
): Promise<{ tools: LiveTool[]; nextCursor?: string }> {
  if (!upstream.client || !upstream.connected) return { tools: [...upstream.tools.values()] };
  try {
    const page = await upstream.client.request(
      { method: "tools/list", params: cursor === undefined ? {} : { cursor } },
      ListToolsResultSchema,
      { signal },
    );
    return { tools: page.tools.map((tool) => ({ tool, hash: liveToolHash(tool) })), nextCursor: page.nextCursor };
  } catch (error) {
    throw upstreamError(error);
  }
}

/**
 * The MCP server one agent session talks to: the low-level SDK Server, with tools decided by Warden
 * and everything else forwarded to the agent's upstream session (or the shared one) once a grant
 * covers it. The upstream's own `serverInfo` and `instructions` reach the agent as they are.
 */
export function createSessionServer(core: GatewayCore, upstream: Upstream, identity: SessionIdentity) {
  const server = new Server(upstream.serverInfo ?? { name: `warden-gateway/${upstream.slug}`, version: "1.0.0" }, {
    capabilities: capabilitiesOf(upstream.capabilities),
    instructions: upstream.instructions,
  });
  // The SDK's Server refuses a task-augmented request for a method it declares no tasks for (-32603)
  // before any handler runs; the spec says to process it normally (see `plainCall`).
  (server as unknown as { assertTaskHandlerCapability: (method: string) => void }).assertTaskHandlerCapability =
    () => {};
  const shared = !upstream.agentSide;
  // The agent's requests being served now, with their users: what the server asks or logs meanwhile belongs
  // to the latest, and is audited as its user's.
  const inflight: { id: RequestId; user?: CallerUser }[] = [];
  const serving = async <T>(extra: { requestId: RequestId; authInfo?: AuthInfo }, run: () => Promise<T>) => {
    let user: CallerUser | undefined;
    try {
      user = identity.user(extra);
    } catch {
      user = undefined;
    }
    const entry = { id: extra.requestId, user };
    inflight.push(entry);
    try {
      return await run();
    } finally {
      inflight.splice(inflight.indexOf(entry), 1);
    }
  };
  const relatedRequest = (): RequestId | undefined => inflight.at(-1)?.id;
  const relatedUser = (): CallerUser | undefined => inflight.at(-1)?.user;
  const noGrant = (agent: string) => ({
    rule: "no_grant",
    reason: `no_grant: ${agent} has no grant on ${upstream.slug}`,
  });
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

  // A token's scopes narrow what the agent sees as well as what it may call (./oauth/scopes.ts).
  server.setRequestHandler(ListToolsRequestSchema, async (req, extra) => {
    const agent = agentOrDeny();
    const { scopes } = orDeny(() => identity.user(extra));
    // Nothing reaches the upstream for an agent that may see nothing there: no bundle, or no access.
    const view = core.bundle.view();
    if (!view.ok || serverAccessDenial(view.bundle.snapshot, agent, upstream.slug)) return { tools: [] };
    const page = await upstreamToolsPage(upstream, req.params?.cursor, extra.signal);
    return {
      tools: visibleTools(core, upstream, agent, page.tools).filter((t) => !scopeDenial(scopes, upstream.slug, t.name)),
      ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
    };
  });

  // The SDK's Server checks a tools/call's params itself and answers a malformed one before any handler
  // runs: answered, yet never recorded. Registered through Protocol, the gateway sees every call.
  Protocol.prototype.setRequestHandler.call(server, ZAnyToolsCall, async (req, extra) =>
    serving(extra, async () => {
      const caller = {
        agent: agentOrDeny(),
        ...orDeny(() => identity.user(extra)),
        sessionId: extra.sessionId,
        requestId: extra.requestId,
      };
      const call = CallToolRequestSchema.safeParse(req);
      if (!call.success) throw refuseInvalidCall(core, upstream, req.params, caller, call.error);
      return callTool(core, upstream, plainCall(call.data.params), {
        ...caller,
        signal: extra.signal,
        onprogress: progressOf(call.data.params._meta?.progressToken, extra.sendNotification),
      });
    }),
  );

  if (upstream.capabilities.resources)
    server.setRequestHandler(ReadResourceRequestSchema, async (req, extra) =>
      serving(extra, async () => {
        const agent = agentOrDeny();
        const { server: snap, grants } = grantsOf(core, upstream.slug, agent);
        const caller: CallerContext = {
          agent,
          ...orDeny(() => identity.user(extra)),
          sessionId: extra.sessionId,
          requestId: extra.requestId,
          signal: extra.signal,
          onprogress: progressOf(req.params._meta?.progressToken, extra.sendNotification),
        };
        const denial = grants.length
          ? grantScopeDenial(req.method, req.params, scopeOf(grants), agent, upstream.slug)
          : noGrant(agent);
        if (denial) throw refuseOutOfScope(core, upstream, req.method, req.params, caller, denial);
        if (!upstream.client || !upstream.connected)
          throw rpcError(ErrorCode.InternalError, `${upstream.slug} is not connected`);
        const caps = [snap.maxRecordsPerCall, ...grants.map((g) => g.maxRecords)].filter(
          (n): n is number => n !== null,
        );
        return readResource(core, upstream, req.params, caller, {
          deniedFields: [...snap.deniedFields, ...grants.flatMap((g) => g.deniedFields)],
          maxRecords: caps.length ? Math.min(...caps) : null,
        });
      }),
    );

  server.fallbackRequestHandler = async (req, extra) => {
    if (!FORWARDED.has(req.method)) throw rpcError(ErrorCode.MethodNotFound, `Method not found: ${req.method}`);
    const agent = agentOrDeny();
    const { grants } = grantsOf(core, upstream.slug, agent);
    const list = EMPTY_LISTS[req.method];
    if (!grants.length && list) return { [list]: [] };
    const scope = scopeOf(grants);
    const denial = grants.length
      ? grantScopeDenial(req.method, req.params as Record<string, unknown> | undefined, scope, agent, upstream.slug)
      : noGrant(agent);
    if (denial) {
      const caller = {
        agent,
        ...orDeny(() => identity.user(extra)),
        sessionId: extra.sessionId,
        requestId: extra.requestId,
      };
      throw refuseOutOfScope(core, upstream, req.method, req.params, caller, denial);
    }
    // A shared upstream session is every agent's: one agent may not subscribe or set its log level for the others.
    if (shared && /^resources\/(un)?subscribe$/.test(req.method))
      throw rpcError(ErrorCode.MethodNotFound, `${upstream.slug} is shared: subscriptions are not offered`);
    if (shared && req.method === "logging/setLevel") return {};
    if (!upstream.client) throw rpcError(ErrorCode.InternalError, `${upstream.slug} is not connected`);
    const meta = (req.params as { _meta?: { progressToken?: unknown } } | undefined)?._meta;
    return serving(extra, async () => {
      try {
        const result = await upstream.client!.request(
          { method: req.method, params: req.params },
          ResultSchema.passthrough(),
          { signal: extra.signal, onprogress: progressOf(meta?.progressToken, extra.sendNotification) },
        );
        // A page keeps its cursor (Server utilities › Pagination): the agent pages the upstream, minus what it may not see.
        return list ? filterListed(req.method, result, scope) : result;
      } catch (error) {
        throw upstreamError(error);
      }
    });
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
    if (!(shared ? SHARED_NOTIFICATIONS : NOTIFICATIONS).has(n.method)) return;
    const related = n.method === "notifications/message" ? relatedRequest() : undefined;
    void server.notification(n, related === undefined ? undefined : { relatedRequestId: related }).catch(() => {});
  });
  server.oninitialized = refreshList;
  const dispose = () => {
    offTools();
    offBundle();
    offNotes();
  };
  return { server, dispose, relatedRequest, relatedUser };
}
