import { jsonLogger } from "@/lib/gateway/logger";
import { loadGatewayConfig } from "@/lib/gateway/config";
import { startHttpGateway, startStdioGateway, type RunningGateway } from "@/lib/gateway/gateway";
import { args } from "./lib/args";

// npm run gateway -- [--config gateway.yaml] [--listen host:port] [--stdio <slug>]
// Talks to Warden over HTTP only: this process never opens the database.
const opts = args({ config: { type: "string" }, listen: { type: "string" }, stdio: { type: "string" } });
const log = jsonLogger();

let running: RunningGateway;
try {
  const config = loadGatewayConfig(opts.config ?? process.env.WARDEN_GATEWAY_CONFIG ?? "gateway.yaml", {
    ...process.env,
    ...(opts.listen && { WARDEN_GATEWAY_LISTEN: opts.listen }),
  });
  if (opts.stdio) {
    const credential = process.env.WARDEN_AGENT_CREDENTIAL;
    if (!credential) throw new Error("--stdio needs the agent's credential in WARDEN_AGENT_CREDENTIAL");
    const stdio = await startStdioGateway(config, opts.stdio, credential, process.env.WARDEN_ON_BEHALF_OF, log);
    running = stdio;
    log(`serving ${opts.stdio} over stdio`);
    // One agent session: when it ends (the client closed stdin, or the upstream session was lost), so does the gateway.
    void stdio.closed.then(() => stdio.close().finally(() => process.exit(0)));
  } else {
    running = await startHttpGateway(config, log);
    for (const slug of running.core.upstreams.keys()) log(`listening on ${running.url}/mcp/${slug}`);
    console.log(`Warden gateway listening on ${running.url}`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => {
    log(`${signal}: shipping the spool and stopping`);
    void running.close().finally(() => process.exit(0));
  });
