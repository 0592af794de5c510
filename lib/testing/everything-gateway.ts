import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ZGatewayConfig } from "@/lib/gateway/config";
import { startHttpGateway } from "@/lib/gateway/gateway";
import { until } from "./gateway-clients";

const EVERYTHING = ["node_modules/@modelcontextprotocol/server-everything/dist/index.js", "stdio"];

/**
 * A gateway in front of server-everything under `slug`, on a port the OS picks, healthy; its spool is kept
 * in `spool` and shipped every `shipIntervalMs` (a long interval keeps events there, as they were written).
 */
export async function everythingGateway(
  wardenUrl: string,
  seeded: { slug: string; token: string },
  shipIntervalMs = 100,
) {
  const spool = mkdtempSync(path.join(tmpdir(), "warden-every-spool-"));
  const gw = await startHttpGateway(
    ZGatewayConfig.parse({
      warden: { url: wardenUrl, token: seeded.token },
      listen: "127.0.0.1:0",
      spool_dir: spool,
      ship_interval_ms: shipIntervalMs,
      upstreams: { [seeded.slug]: { command: "node", args: EVERYTHING } },
    }),
    () => {},
  );
  await until(async () => (await fetch(`${gw.url}/healthz`)).ok || undefined, 30_000);
  return { gw, spool, url: `${gw.url}/mcp/${seeded.slug}` };
}
