import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { McpError } from "@modelcontextprotocol/sdk/types.js";
import { ZGatewayConfig } from "@/lib/gateway/config";
import { startHttpGateway, type RunningGateway } from "@/lib/gateway/gateway";
import { WARDEN_DENIED } from "@/lib/gateway/rpc-error";
import { serve } from "@/scripts/lib/serve";
import { expect, test } from "./support/fixtures";
import { exited, freePort, standaloneEnv } from "./support/standalone-server";

const MAX_AGE_S = 20;

// Issue 21, "Warden stopping": a console stopped with SIGTERM used to keep answering the gateway's bundle
// long polls on open keep-alive connections, so the gateway went on allowing calls and the process never
// exited. Now the held poll is ended with a 503, the gateway's bundle ages out, and the process stops.
test("a console stopped with SIGTERM: the attached gateway denies calls within bundle_max_age, and the console exits within 10 s", async () => {
  test.setTimeout(180_000);
  const root = mkdtempSync(path.join(tmpdir(), "warden-gw-stop-"));
  const port = await freePort();
  const env = standaloneEnv(root);
  const seeded = spawnSync(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "e2e/support/seed-gateway-shutdown.ts"],
    {
      env,
      encoding: "utf8",
    },
  );
  expect(seeded.status, seeded.stderr).toBe(0);
  const world = JSON.parse(seeded.stdout.trim().split("\n").pop()!) as {
    slug: string;
    token: string;
    credential: string;
  };

  const server = await serve(port, { env });
  let gateway: RunningGateway | undefined;
  let client: Client | undefined;
  try {
    gateway = await startHttpGateway(
      ZGatewayConfig.parse({
        warden: { url: `http://127.0.0.1:${port}`, token: world.token },
        listen: `127.0.0.1:${await freePort()}`,
        bundle_max_age_seconds: MAX_AGE_S,
        spool_dir: path.join(root, "spool"),
        ship_interval_ms: 200,
        upstreams: {
          [world.slug]: {
            command: "node",
            args: ["node_modules/@modelcontextprotocol/server-everything/dist/index.js", "stdio"],
          },
        },
      }),
      () => {},
    );
    const url = gateway.url!;
    await expect.poll(async () => (await fetch(`${url}/healthz`)).status, { timeout: 30_000 }).toBe(200);
    client = new Client({ name: "shutdown-agent", version: "1.0.0" });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${url}/mcp/${world.slug}`), {
        requestInit: { headers: { authorization: `Bearer ${world.credential}` } },
      }),
    );
    const echo = (message: string) => client!.callTool({ name: "echo", arguments: { message } });
    expect(JSON.stringify(await echo("before"))).toContain("before");
    // Stop Warden while the gateway holds a long poll that has most of its wait (bundle_max_age / 2) ahead.
    const bundle = gateway.core.bundle;
    await expect.poll(() => bundle.ageMs()! < 500, { timeout: 30_000, intervals: [20] }).toBe(true);
    // Stopping 2 s after the last contact leaves the denial 2 s of slack for a busy machine's call latency.
    await sleep(2_000);

    const errors = new Set<string>();
    const watch = setInterval(() => bundle.lastError && errors.add(bundle.lastError), 5);
    const stoppedAt = Date.now();
    server.kill("SIGTERM");
    const exit = exited(server).then((code) => ({ code, ms: Date.now() - stoppedAt }));

    // The held poll is ended with a 503 at once (then the console refuses connections), rather than
    // confirmed by a 304 at the end of its wait: the gateway's last contact stays before the stop.
    await expect.poll(() => [...errors].join("; "), { timeout: 3_000, intervals: [20] }).toMatch(/answered 503/);
    const lastContactAt = Date.now() - bundle.ageMs()!;
    expect(lastContactAt).toBeLessThan(stoppedAt);

    let denial: McpError | undefined;
    while (!denial && Date.now() - stoppedAt < (MAX_AGE_S + 15) * 1000) {
      denial = await echo("after").then(
        () => undefined,
        (e: unknown) => (e instanceof McpError ? e : undefined),
      );
      if (!denial) await sleep(50);
    }
    const deniedAfterMs = Date.now() - stoppedAt;
    clearInterval(watch);
    expect(denial?.code).toBe(WARDEN_DENIED);
    expect(denial?.message).toMatch(/bundle_unavailable/);
    // Denied once the bundle is older than bundle_max_age: its last confirmation came before the stop.
    expect(deniedAfterMs).toBeLessThanOrEqual(MAX_AGE_S * 1000);
    expect(Date.now() - lastContactAt).toBeGreaterThan(MAX_AGE_S * 1000);
    expect((await fetch(`${url}/healthz`)).status).toBe(503);

    const { code, ms } = await Promise.race([
      exit,
      sleep(15_000).then(() => ({ code: "still running", ms: Infinity })),
    ]);
    console.log(
      `SIGTERM: last contact ${lastContactAt - stoppedAt} ms, denied after ${deniedAfterMs} ms, exit ${code} after ${ms} ms`,
    );
    expect(code).toBe(143);
    expect(ms).toBeLessThanOrEqual(10_000);
  } finally {
    await client?.close().catch(() => {});
    await gateway?.close();
    if (server.exitCode === null && server.signalCode === null) server.kill("SIGKILL");
    rmSync(root, { recursive: true, force: true });
  }
});
