import { fileURLToPath } from "node:url";
import type { Logger } from "./logger";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { getDefaultEnvironment, StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  ListRootsRequestSchema,
  ToolListChangedNotificationSchema,
  type ClientCapabilities,
  type CreateMessageRequest,
  type ElicitRequest,
  type Implementation,
  type Notification,
  type Result,
  type Root,
  type ServerCapabilities,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import { liveToolHash } from "@/lib/registry/live-tool-hash";
import type { UpstreamConfig } from "./config";
import { notificationsBeforeResponses } from "./notifications-first";
import { upstreamFetch } from "./oauth/upstream-credential";

export type LiveTool = { tool: Tool; hash: string | null };

/**
 * The agent behind a per-session upstream: what it declared at initialize, and how the gateway answers
 * the server's requests to it (MCP 2025-11-25, Client features: Roots, Sampling, Elicitation). A shared
 * upstream has none: it is never given a client feature beyond the gateway's own roots.
 */
export type AgentSide = {
  capabilities: ClientCapabilities;
  roots: () => Promise<Root[]>;
  sample: (params: CreateMessageRequest["params"], signal: AbortSignal) => Promise<Result>;
  elicit: (params: ElicitRequest["params"], signal: AbortSignal) => Promise<Result>;
};

const SDK_VERSION = "1.32.2";
/** How long a server's first `roots/list` waits for the gateway's first bundle before it is answered with none. */
const FIRST_ROOTS_WAIT_MS = 10_000;

function transportOf(config: UpstreamConfig): Transport {
  if ("url" in config)
    return new StreamableHTTPClientTransport(new URL(config.url), {
      requestInit: { headers: config.headers },
      // A call made for a verified user carries the token exchanged for it (oauth/upstream-credential.ts).
      fetch: upstreamFetch(),
    });
  return new StdioClientTransport({
    command: config.command,
    args: config.args,
    env: { ...getDefaultEnvironment(), ...config.env },
    cwd: config.cwd,
    stderr: "inherit",
  });
}

/**
 * One session with an upstream MCP server: the gateway's own (shared, for the tool manifest and for a
 * `shared: true` server), or one agent session's, opened with that agent's capabilities. It keeps the
 * live tool list with each tool's definition hash, taken at connect and again on every
 * `tools/list_changed`, and passes the upstream's other notifications to whoever listens.
 */
export class Upstream {
  client: Client | null = null;
  tools = new Map<string, LiveTool>();
  capabilities: ServerCapabilities = {};
  connected = false;
  /** The roots the gateway gives this server (see upstream-roots.ts); null until the first bundle says. */
  private roots: Root[] | null = null;
  private rootsKnown: { promise: Promise<void>; resolve: () => void } = (() => {
    let resolve!: () => void;
    return { promise: new Promise<void>((r) => (resolve = r)), resolve };
  })();
  /** The roots the server last asked for and got: it confines itself to them (if it honours roots). */
  rootsServed: Root[] | null = null;
  private toolListeners = new Set<(changed: string[]) => void>();
  private notificationListeners = new Set<(n: Notification) => void>();

  /** Called when the connection ends, whoever closed it. */
  ondisconnect?: () => void;
  /** What the server said at initialize, passed to the agent as it is (transparency). */
  instructions: string | undefined;
  serverInfo: Implementation | undefined;

  constructor(
    readonly slug: string,
    private readonly config: UpstreamConfig,
    private readonly log: Logger = () => {},
    readonly agentSide?: AgentSide,
  ) {}

  /** A process on this machine (stdio): its paths are this machine's, so path rules may resolve symlinks here. */
  get local(): boolean {
    return "command" in this.config;
  }

  async connect(): Promise<void> {
    // MCP 2025-11-25, Client features › Roots › Capabilities: a client that offers roots declares
    // `roots`, with `listChanged` when it sends notifications/roots/list_changed.
    // The gateway always offers roots (they confine the server); sampling and elicitation only as the agent did.
    const side = this.agentSide;
    const offered = side?.capabilities ?? {};
    const client = new Client(
      { name: "warden-gateway", version: SDK_VERSION },
      {
        capabilities: {
          roots: { listChanged: true },
          ...(offered.sampling ? { sampling: offered.sampling } : {}),
          ...(offered.elicitation ? { elicitation: offered.elicitation } : {}),
        },
      },
    );
    // Roots › Listing Roots: the server asks with roots/list.
    client.setRequestHandler(ListRootsRequestSchema, async () => {
      if (side) this.rootsServed = await side.roots();
      else {
        if (this.roots === null)
          await Promise.race([this.rootsKnown.promise, new Promise((r) => setTimeout(r, FIRST_ROOTS_WAIT_MS).unref())]);
        this.rootsServed = this.roots ?? [];
      }
      return { roots: this.rootsServed };
    });
    if (side && offered.sampling)
      client.setRequestHandler(
        CreateMessageRequestSchema,
        (req, extra) => side.sample(req.params, extra.signal) as never,
      );
    if (side && offered.elicitation)
      client.setRequestHandler(ElicitRequestSchema, (req, extra) => side.elicit(req.params, extra.signal) as never);
    client.setNotificationHandler(ToolListChangedNotificationSchema, async () => {
      await this.refreshTools().catch((e) =>
        this.log("re-listing tools failed", { level: "warn", upstream: this.slug, error: e }),
      );
    });
    client.fallbackNotificationHandler = async (n) => {
      for (const l of this.notificationListeners) l(n);
    };
    client.onclose = () => {
      const dropped = this.connected;
      this.connected = false;
      if (dropped) this.log("upstream connection closed", { level: "warn", upstream: this.slug });
      this.ondisconnect?.();
    };
    const transport = transportOf(this.config);
    await client.connect(transport);
    notificationsBeforeResponses(transport);
    this.client = client;
    this.capabilities = client.getServerCapabilities() ?? {};
    this.instructions = client.getInstructions();
    this.serverInfo = client.getServerVersion();
    this.connected = true;
    await this.refreshTools();
  }

  /**
   * What the server takes a relative path against, as far as the gateway knows: the roots it took, or
   * null when it took none (it never asked, or was given none). It then resolves a relative path
   * against directories of its own configuration, which no path rule can vouch for.
   */
  relativeBases(): readonly string[] | null {
    const roots = this.rootPaths();
    return roots.length ? roots : null;
  }

  /** The directories of the roots the server last took: it resolves a relative path against them. */
  rootPaths(): string[] {
    return (this.rootsServed ?? []).map((r) => fileURLToPath(r.uri));
  }

  /**
   * Sets the roots the server is given; when they change on a connected server, tells it (Roots › Root
   * List Changes: notifications/roots/list_changed), and it asks again.
   */
  setRoots(roots: Root[]): void {
    const changed = JSON.stringify(roots) !== JSON.stringify(this.roots);
    this.roots = roots;
    this.rootsKnown.resolve();
    if (changed) this.rootsChanged();
  }

  /** Roots › Root List Changes: the agent's roots or its grant's changed; the server asks again. */
  rootsChanged(): void {
    if (this.connected && this.client)
      this.client
        .sendRootsListChanged()
        .catch((e: unknown) => this.log("roots list_changed failed", { level: "warn", upstream: this.slug, error: e }));
  }

  async close(): Promise<void> {
    this.connected = false;
    await this.client?.close().catch(() => {});
  }

  /** Every tool, page by page, hashed; listeners hear the names whose definition changed. */
  async refreshTools(): Promise<string[]> {
    if (!this.client) return [];
    const next = new Map<string, LiveTool>();
    let cursor: string | undefined;
    do {
      const page = await this.client.listTools(cursor ? { cursor } : {});
      for (const tool of page.tools) next.set(tool.name, { tool, hash: liveToolHash(tool) });
      cursor = page.nextCursor;
    } while (cursor);
    const changed = [...next.keys()].filter((n) => this.tools.get(n)?.hash !== next.get(n)!.hash);
    changed.push(...[...this.tools.keys()].filter((n) => !next.has(n)));
    const first = this.tools.size === 0;
    this.tools = next;
    if (changed.length || first) for (const l of this.toolListeners) l(changed);
    return changed;
  }

  onToolsChanged(listener: (changed: string[]) => void): () => void {
    this.toolListeners.add(listener);
    return () => this.toolListeners.delete(listener);
  }

  onNotification(listener: (n: Notification) => void): () => void {
    this.notificationListeners.add(listener);
    return () => this.notificationListeners.delete(listener);
  }
}
