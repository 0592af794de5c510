import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { hashSecret } from "@/lib/crypto/prefixed-secret";
import type { GatewayConfig } from "./config";
import { createCore, type GatewayCore, type Logger } from "./core";
import { createHttpListener } from "./http-listener";
import { reportManifests } from "./manifest-reporter";
import { serveStdioSession } from "./stdio-session";
import type { Upstream } from "./upstream";
import { upstreamRoots } from "./upstream-roots";

export type RunningGateway = { core: GatewayCore; url?: string; close: () => Promise<void> };

/** Connects an upstream, and again whenever its connection drops, backing off to 10 s. */
async function keepConnected(core: GatewayCore, upstream: Upstream, stopped: AbortSignal) {
  let backoff = 500;
  while (!stopped.aborted) {
    if (!upstream.connected) {
      try {
        await upstream.connect();
        core.log("upstream connected", { upstream: upstream.slug, tools: upstream.tools.size });
        backoff = 500;
      } catch (error) {
        core.log("upstream cannot connect; retrying", { level: "warn", upstream: upstream.slug, error });
        backoff = Math.min(backoff * 2, 10_000);
      }
    }
    await sleep(upstream.connected ? 1_000 : backoff, undefined, { signal: stopped }).catch(() => {});
  }
}

async function startCore(config: GatewayConfig, log: Logger, slugs?: string[]) {
  const core = createCore(config, log, slugs);
  const stopped = new AbortController();
  core.spool.open();
  core.shipper.start();
  // Each upstream is confined to the path roots the bundle gives it (MCP roots), and told when they change.
  const offRoots = core.bundle.onChange((b) => {
    for (const u of core.upstreams.values()) u.setRoots(upstreamRoots(b.snapshot, u.slug));
  });
  void core.bundle.start();
  const offReports = [...core.upstreams.values()].map((u) => reportManifests(core, u));
  for (const u of core.upstreams.values()) void keepConnected(core, u, stopped.signal);
  const close = async () => {
    stopped.abort();
    core.bundle.stop();
    offReports.forEach((off) => off());
    offRoots();
    await Promise.all([...core.upstreams.values()].map((u) => u.close()));
    await core.shipper.stop();
    await core.shipper.flush();
    core.spool.close();
  };
  return { core, close };
}

/** The HTTP gateway: every configured upstream at /mcp/<slug>. */
export async function startHttpGateway(config: GatewayConfig, log: Logger): Promise<RunningGateway> {
  const { core, close } = await startCore(config, log);
  const [host, port] = [config.listen.slice(0, config.listen.lastIndexOf(":")), Number(config.listen.split(":").pop())];
  const http = createHttpListener(core);
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(port, host, resolve);
  });
  const bound = (http.address() as AddressInfo).port;
  return {
    core,
    url: `http://${host.includes(":") ? `[${host}]` : host}:${bound}`,
    close: async () => {
      http.closeAllConnections();
      await new Promise((r) => http.close(r));
      await close();
    },
  };
}

/**
 * One upstream over stdio, for a desktop client that spawns the gateway: exactly one agent session, with
 * its own upstream session like an HTTP agent session's (stdio-session.ts). The agent credential comes
 * from WARDEN_AGENT_CREDENTIAL and the on-behalf-of user from WARDEN_ON_BEHALF_OF. `closed` settles
 * when the agent's session has ended.
 */
export async function startStdioGateway(
  config: GatewayConfig,
  slug: string,
  credential: string,
  onBehalfOf: string | undefined,
  log: Logger,
  stdio?: { stdin: NodeJS.ReadableStream; stdout: NodeJS.WritableStream },
): Promise<RunningGateway & { closed: Promise<void> }> {
  if (!config.upstreams[slug]) throw new Error(`No upstream named ${slug} in the config`);
  const { core, close } = await startCore(config, log, [slug]);
  const hash = hashSecret(credential);
  // The session's capabilities mirror the upstream's: wait for it before serving.
  for (let i = 0; i < 300 && !core.upstreams.get(slug)!.connected; i++) await sleep(100);
  const session = await serveStdioSession(
    core,
    core.upstreams.get(slug)!,
    {
      agent: () => {
        const agent = core.bundle.view().bundle?.agentByCredentialHash.get(hash);
        if (!agent) throw new Error("unauthenticated: unknown or revoked agent credential (WARDEN_AGENT_CREDENTIAL)");
        return agent;
      },
      user: () => {
        if (!onBehalfOf) return { userSource: "none" };
        const agent = core.bundle.view().bundle?.agentByCredentialHash.get(hash);
        if (agent && !core.bundle.view().bundle?.snapshot.agents.get(agent)?.assertsUsers)
          throw new Error(
            `unauthenticated: agent ${agent} may not name the user it acts for (WARDEN_ON_BEHALF_OF): an admin can allow it on the agent's page ("May assert users")`,
          );
        return { onBehalfOf, userSource: "asserted" };
      },
    },
    stdio?.stdin,
    stdio?.stdout,
  );
  return {
    core,
    closed: session.ended,
    close: async () => {
      await session.close();
      await close();
    },
  };
}
