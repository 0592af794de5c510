import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from "node:http";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import { BodyError, bodyRefusalHeaders, readIncomingBody } from "@/lib/http/read-body";
import type { AuthInfo } from "@modelcontextprotocol/sdk/server/auth/types.js";
import type { GatewayCore } from "./core";
import { healthOf } from "./health";
import { SessionEventStore } from "./event-store";
import { standaloneWhenUnrelatable } from "./standalone-stream";
import { HEADER_MISMATCH, headerMismatch, recordHeaderMismatch } from "./standard-headers";
import { requestGuard } from "./request-guard";
import { type SessionIdentity } from "./session-server";
import { AgentSessions, SessionRefusal } from "./agent-sessions";
import { handleDecide } from "./sidecar";
import { gatewayAuthenticator, type Principal } from "./oauth/authenticate";
import { handleResourceMetadata } from "./oauth/metadata-route";

/** A session is bound to who opened it: the same credential, or the same user through the same OAuth client. */
type Session = { transport: StreamableHTTPServerTransport; principalKey: string; slug: string; lastSeen: number };

export { ON_BEHALF_OF_HEADER } from "./oauth/authenticate";

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

const rpcReject = (res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) =>
  send(res, status, { jsonrpc: "2.0", error: { code: -32001, message }, id: null }, headers);

/**
 * Who a session's requests come from. The agent is re-checked on every request (a revoked credential or
 * a removed OAuth client id applies at once); the user is the one of each request, authenticated above.
 */
function sessionIdentity(core: GatewayCore, opener: Principal): SessionIdentity {
  return {
    agent: () => {
      const bundle = core.bundle.view().bundle;
      const stillKnown =
        "credentialHash" in opener.via
          ? bundle?.agentByCredentialHash.get(opener.via.credentialHash) === opener.agent
          : bundle?.snapshot.agents.get(opener.agent)?.oauthClientId === opener.via.oauthClientId;
      if (!stillKnown) throw new Error("unauthenticated: the credential or OAuth client of this session was revoked");
      return opener.agent;
    },
    user: ({ authInfo }) => (authInfo?.extra?.principal as Principal | undefined)?.user ?? { userSource: "none" },
  };
}

/** The `retry` an SSE stream tells a client to wait before it reconnects (SEP-1699). */
const SSE_RETRY_MS = 1_000;

/**
 * The largest body the listener reads itself (an initialize, or a POST with Mcp-Method or Mcp-Name); other
 * messages of a session go to the MCP transport as they come.
 */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * Agents connect over streamable HTTP at /mcp/<slug>; third-party gateways ask /v1/decide; Prometheus
 * scrapes /metrics; /healthz says whether the gateway can serve. Before anything else, on every path, one
 * Host header must name this machine (or a configured name) and a browser's Origin must be allowed
 * (request-guard.ts): a web page can neither reach the gateway by DNS rebinding nor drive it. Then the
 * agent's credential must be live in the bundle; a session stays bound to the credential that opened it.
 */
export function createHttpListener(core: GatewayCore): HttpServer {
  const sessions = new Map<string, Session>();
  // The public URL's host is one the gateway answers to (behind a proxy that keeps Host).
  const publicHost = core.config.public_url ? [new URL(core.config.public_url).host] : [];
  const guard = requestGuard({ ...core.config, allowed_hosts: [...core.config.allowed_hosts, ...publicHost] });
  const { authenticate } = gatewayAuthenticator(core.config);
  const agentSessions = new AgentSessions(core);
  // An agent session idle past session_idle_seconds is closed, and its upstream session with it.
  const idleMs = core.config.session_idle_seconds * 1000;
  const sweeper = setInterval(
    () => {
      const before = Date.now() - idleMs;
      for (const s of sessions.values()) if (s.lastSeen < before) void s.transport.close();
    },
    Math.min(idleMs / 2, 30_000),
  ).unref();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const refusal = guard(req);
    if (refusal) return rpcReject(res, refusal.status, refusal.message);
    const url = new URL(req.url ?? "/", "http://gateway");
    if (url.pathname === "/healthz" && req.method === "GET") {
      const health = healthOf(core);
      return send(res, health.ok ? 200 : 503, health);
    }
    if (url.pathname === "/metrics" && req.method === "GET") {
      const text = await core.metrics.registry.metrics();
      return void res.writeHead(200, { "content-type": core.metrics.registry.contentType }).end(text);
    }
    if (url.pathname === "/v1/decide") return handleDecide(core, req, res);
    if (handleResourceMetadata(core, url, req, res)) return;
    const match = /^\/mcp\/([a-z0-9][a-z0-9-]*)\/?$/.exec(url.pathname);
    const upstream = match && core.upstreams.get(match[1]);
    if (!upstream) return send(res, 404, { error: "Not found: agents connect at /mcp/<server-slug>" });

    const bundle = core.bundle.view().bundle;
    if (!bundle) return rpcReject(res, 503, "The gateway has no policy bundle from Warden yet", { "retry-after": "1" });
    const auth = await authenticate(req, upstream.slug, bundle);
    if (!auth.ok) return rpcReject(res, auth.status, auth.message, auth.headers);
    const principal = auth.principal;
    // The SDK hands this to each request's handlers as `extra.authInfo`: the user of that very request.
    (req as IncomingMessage & { auth?: AuthInfo }).auth = {
      token: "",
      clientId: principal.agent,
      scopes: principal.user.scopes ?? [],
      expiresAt: principal.user.tokenExpiresAt,
      extra: { principal },
    };

    const sessionId = req.headers["mcp-session-id"];
    const session = typeof sessionId === "string" ? sessions.get(sessionId) : undefined;
    if (typeof sessionId === "string") {
      if (!session || session.slug !== upstream.slug) return rpcReject(res, 404, "Session not found");
      if (session.principalKey !== principal.key)
        return rpcReject(res, 403, "This session belongs to another credential or user");
      session.lastSeen = Date.now();
    }
    // A POST's body is read here when there is no session yet (it must be an initialize), or when it carries
    // Mcp-Method or Mcp-Name, which must match it (standard-headers.ts); otherwise the MCP transport reads it.
    const mirrored = req.headers["mcp-method"] !== undefined || req.headers["mcp-name"] !== undefined;
    let body: unknown;
    if (req.method === "POST" && (!session || mirrored)) {
      if (!session && !upstream.connected)
        return rpcReject(res, 503, `${upstream.slug} is not connected yet`, { "retry-after": "1" });
      try {
        body = JSON.parse((await readIncomingBody(req, { maxBytes: MAX_BODY_BYTES })).toString("utf8"));
      } catch (error) {
        if (error instanceof BodyError && error.problem === "too_large")
          return rpcReject(res, 413, error.message, bodyRefusalHeaders);
        return send(res, 400, { jsonrpc: "2.0", error: { code: -32700, message: `Parse error: ${error}` }, id: null });
      }
      const mismatch = headerMismatch(req, body);
      if (mismatch) {
        recordHeaderMismatch(core, upstream.slug, principal, req, body, mismatch);
        const id = (body as { id?: unknown } | null)?.id;
        return send(res, 400, {
          jsonrpc: "2.0",
          error: { code: HEADER_MISMATCH, message: mismatch.message, data: { header: mismatch.header } },
          id: typeof id === "string" || typeof id === "number" ? id : null,
        });
      }
    }
    if (session) return session.transport.handleRequest(req, res, body);
    if (req.method !== "POST") return rpcReject(res, 400, "Start a session with an initialize POST");
    if (!isInitializeRequest(body)) return rpcReject(res, 400, "Start a session with an initialize request");

    const identity = sessionIdentity(core, principal);
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      enableJsonResponse: core.config.response_mode === "json",
      // Resumability: SSE events carry ids and a `retry` hint, and a client resumes with Last-Event-ID.
      eventStore: new SessionEventStore(),
      retryInterval: SSE_RETRY_MS,
      onsessioninitialized: (id) =>
        void sessions.set(id, { transport, principalKey: principal.key, slug: upstream.slug, lastSeen: Date.now() }),
      onsessionclosed: (id) => void sessions.delete(id),
    });
    let opened;
    try {
      // The agent's own upstream session, with the capabilities it declared (Lifecycle › Initialization).
      opened = await agentSessions.start(
        upstream,
        body.params.capabilities,
        identity,
        () => transport.sessionId,
        () => void transport.close(),
      );
    } catch (error) {
      if (!(error instanceof SessionRefusal)) throw error;
      return send(res, error.status, {
        jsonrpc: "2.0",
        error: { code: -32001, message: error.message },
        id: (body as { id?: unknown }).id ?? null,
      });
    }
    const { server, close } = opened;
    standaloneWhenUnrelatable(transport, core.config.response_mode === "json");
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
      void close();
    };
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  };

  // A request without Host reaches the guard, which refuses it with a JSON-RPC body like every other refusal.
  const http = createServer({ requireHostHeader: false }, (req, res) => {
    handle(req, res).catch((error) => {
      core.log("gateway request failed", {
        level: "error",
        error,
        stack: error instanceof Error ? error.stack : undefined,
      });
      if (!res.headersSent) send(res, 500, { error: "internal error" });
      else res.end();
    });
  });
  http.on("close", () => {
    clearInterval(sweeper);
    for (const s of sessions.values()) void s.transport.close();
  });
  return http;
}
