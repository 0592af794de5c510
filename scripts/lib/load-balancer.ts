import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A round-robin HTTP load balancer on 127.0.0.1 (what nginx or HAProxy does in front of the consoles):
 * each request goes to the next upstream; one that refuses the connection (a dead instance) is skipped,
 * and the request, read whole first, goes to the next one. `inFlight(upstream)` counts the requests an
 * upstream holds right now (a test kills an instance mid-request).
 */
export async function loadBalancer(
  upstreams: string[],
  port = 0,
): Promise<{ url: string; server: Server; inFlight: (upstream: string) => number }> {
  let next = 0;
  const held = new Map<string, number>();
  const hold = (upstream: string, by: number) => held.set(upstream, (held.get(upstream) ?? 0) + by);
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const forward = (attempt: number) => {
      const upstream = upstreams[next++ % upstreams.length];
      const target = new URL(upstream);
      hold(upstream, 1);
      const out = request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, "x-forwarded-host": req.headers.host, "x-forwarded-proto": "http" },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      out.on("error", (error: NodeJS.ErrnoException) => {
        if (error.code === "ECONNREFUSED" && attempt + 1 < upstreams.length) return forward(attempt + 1);
        if (!res.headersSent) res.writeHead(502).end();
        else res.destroy();
      });
      out.once("close", () => hold(upstream, -1));
      res.on("close", () => out.destroy());
      out.end(body);
    };
    forward(0);
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    inFlight: (upstream) => held.get(upstream) ?? 0,
  };
}
