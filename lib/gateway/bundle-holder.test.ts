import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as listenOn, type AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { createToken } from "@/lib/services/tokens/create-token";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { wardenApi } from "@/scripts/lib/warden-api";
import { BundleHolder } from "./bundle-holder";
import { WardenClient } from "./warden-client";

const MAX_AGE_MS = 1_000;

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = listenOn().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
type Play = (req: IncomingMessage, res: ServerResponse) => void;

/** A real HTTP server that answers the first poll with Warden's real bundle, then every poll with `play`. */
async function wardenThat(bundle: { etag: string; text: string }, play: Play): Promise<Server> {
  const server = createServer((req, res) => {
    if (!req.headers["if-none-match"])
      return void res.writeHead(200, { etag: bundle.etag, "content-type": "application/json" }).end(bundle.text);
    play(req, res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return server;
}

const SCENARIOS: Record<string, Play> = {
  "a 503 from a stopping Warden": (_req, res) =>
    void res.writeHead(503, { connection: "close", "retry-after": "1" }).end('{"error":{"code":"UNAVAILABLE"}}'),
  "a long poll cut before its answer": (req) => void setTimeout(() => req.socket.destroy(), 100),
  "a 304 for another ETag": (_req, res) => void res.writeHead(304, { etag: '"someone-else"' }).end(),
  "a 304 without an ETag": (_req, res) => void res.writeHead(304).end(),
  "a 200 whose body is not a bundle": (_req, res) => void res.writeHead(200, { etag: '"x"' }).end("<html>proxy</html>"),
  "a 200 cut in the middle of its body": (_req, res) => {
    res.writeHead(200, { etag: '"x"', "content-length": "100000" }).write('{"etag":');
    setTimeout(() => res.socket?.destroy(), 50);
  },
  "a 204": (_req, res) => void res.writeHead(204).end(),
};

describeWithDatabase("the gateway's bundle freshness", () => {
  let warden: ReturnType<typeof wardenApi>;
  let real: { etag: string; text: string };
  let token: string;

  beforeAll(async () => {
    token = (await createToken(systemActor("test"), { name: "gw", scopes: ["bundle"], expiresInDays: 1 })).token;
    warden = wardenApi(await freePort());
    await warden.start();
    const first = await new WardenClient(warden.url, token).bundle(null, 0);
    if (first.status !== 200) throw new Error("Warden gave no bundle");
    real = { etag: (JSON.parse(first.text) as { etag: string }).etag, text: first.text };
  });
  afterAll(() => warden.stop());

  it("stays fresh past bundle_max_age while Warden confirms the bundle it holds (the baseline)", async () => {
    const holder = new BundleHolder(new WardenClient(warden.url, token), MAX_AGE_MS);
    await holder.start();
    await sleep(MAX_AGE_MS * 2.5);
    expect(holder.view().ok).toBe(true);
    holder.stop();
  });

  it("does not count an answer that vouches for no bundle as contact: the bundle ages out after bundle_max_age", async () => {
    const results = await Promise.all(
      Object.entries(SCENARIOS).map(async ([name, play]) => {
        const server = await wardenThat(real, play);
        const holder = new BundleHolder(
          new WardenClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, token),
          MAX_AGE_MS,
        );
        await holder.start();
        const fresh = holder.view().ok;
        await sleep(MAX_AGE_MS + 1_500);
        const view = holder.view();
        holder.stop();
        server.closeAllConnections();
        await new Promise((r) => server.close(r));
        return { name, fresh, stale: !view.ok && /not been reachable/.test(view.reason) };
      }),
    );
    expect(results).toEqual(Object.keys(SCENARIOS).map((name) => ({ name, fresh: true, stale: true })));
  });
});
