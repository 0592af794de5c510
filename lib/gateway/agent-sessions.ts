import type { CallerUser } from "./oauth/authenticate";
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  RootsListChangedNotificationSchema,
  type ClientCapabilities,
  type RequestId,
} from "@modelcontextprotocol/sdk/types.js";
import { agentSide } from "./agent-side";
import type { GatewayCore } from "./core";
import { createSessionServer, type SessionIdentity } from "./session-server";
import { Upstream } from "./upstream";
import { agentSessionRoots } from "./upstream-roots";

/** Why an agent session could not open: the HTTP status and a message for the agent. */
export class SessionRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type AgentSessionHandle = { server: Server; close: () => Promise<void> };

/**
 * The upstream sessions behind agent sessions. Each agent session gets its own upstream session (for
 * stdio, its own process), opened at the agent's initialize with the capabilities the agent declared
 * and kept open until the agent's session ends, so no call pays for the setup. At most `max_sessions`
 * per upstream. A `shared: true` upstream serves every agent from the gateway's one connection.
 */
export class AgentSessions {
  private open = new Map<string, number>();

  constructor(private readonly core: GatewayCore) {}

  count(slug: string): number {
    return this.open.get(slug) ?? 0;
  }

  async start(
    catalog: Upstream,
    capabilities: ClientCapabilities,
    identity: SessionIdentity,
    sessionId: () => string | undefined,
    onUpstreamLost: () => void,
  ): Promise<AgentSessionHandle> {
    const { core } = this;
    const slug = catalog.slug;
    const config = core.config.upstreams[slug];
    if (config.shared) {
      if (!catalog.connected) throw new SessionRefusal(503, `${slug} is not connected yet`);
      const { server, dispose } = createSessionServer(core, catalog, identity);
      return { server, close: async () => dispose() };
    }
    if (this.count(slug) >= config.max_sessions)
      throw new SessionRefusal(
        503,
        `${slug} already serves ${config.max_sessions} agent sessions (max_sessions); close one, or raise max_sessions in the gateway config`,
      );
    this.open.set(slug, this.count(slug) + 1);
    let bound: { server?: Server; related?: () => RequestId | undefined; user?: () => CallerUser | undefined } = {};
    // The agent can be asked (roots/list) only once its session is initialized (Lifecycle › Initialization).
    let initialized!: () => void;
    const ready = new Promise<void>((r) => (initialized = r));
    const side = agentSide(core, {
      slug,
      config,
      server: () => bound.server!,
      ready,
      capabilities,
      agent: identity.agent,
      sessionId,
      relatedRequest: () => bound.related?.(),
      relatedUser: () => bound.user?.(),
    });
    const own = new Upstream(slug, config, core.log, side);
    let closed = false;
    const release = () => {
      if (closed) return false;
      closed = true;
      this.open.set(slug, this.count(slug) - 1);
      return true;
    };
    try {
      await own.connect();
    } catch (error) {
      release();
      await own.close();
      throw new SessionRefusal(
        502,
        `${slug}: the upstream session could not start (${error instanceof Error ? error.message : error})`,
      );
    }
    let made: ReturnType<typeof createSessionServer>;
    try {
      made = createSessionServer(core, own, identity);
    } catch (error) {
      release();
      await own.close();
      throw error;
    }
    const { server, dispose, relatedRequest, relatedUser } = made;
    bound = { server, related: relatedRequest, user: relatedUser };
    const first = server.oninitialized;
    server.oninitialized = () => {
      first?.();
      initialized();
    };
    // Roots › Root List Changes: the server asks again when the agent's roots or its grant's roots change.
    server.setNotificationHandler(RootsListChangedNotificationSchema, async () => own.rootsChanged());
    const granted = () => {
      const snap = core.bundle.view().bundle?.snapshot;
      try {
        return snap
          ? JSON.stringify(agentSessionRoots(snap, slug, snap.agents.get(identity.agent())?.id ?? "", null))
          : "";
      } catch {
        return "";
      }
    };
    let lastGranted = granted();
    const offBundle = core.bundle.onChange(() => {
      const now = granted();
      if (now !== lastGranted) own.rootsChanged();
      lastGranted = now;
    });
    own.ondisconnect = () => {
      if (!closed) onUpstreamLost();
    };
    return {
      server,
      close: async () => {
        if (!release()) return;
        offBundle();
        dispose();
        await own.close();
      },
    };
  }
}
