import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import * as approvalRoute from "@/app/api/v1/approvals/[id]/route";
import * as ingestRoute from "@/app/api/v1/audit/events/route";
import * as decisionsRoute from "@/app/api/v1/decisions/route";
import * as bundleRoute from "@/app/api/v1/policy/bundle/route";
import * as manifestRoute from "@/app/api/v1/servers/[slug]/manifest/route";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/**
 * Warden's real machine-API route handlers (the ones a gateway calls) over real HTTP, in this process
 * and on its database: tests and benchmarks run a gateway against it, and stop it to play an outage.
 */
export function wardenApi(port: number) {
  const routes: [string, RegExp, Handler][] = [
    ["GET", /^\/api\/v1\/policy\/bundle$/, bundleRoute.GET],
    ["POST", /^\/api\/v1\/decisions$/, decisionsRoute.POST],
    ["GET", /^\/api\/v1\/approvals\/(?<id>[^/]+)$/, approvalRoute.GET],
    ["POST", /^\/api\/v1\/servers\/(?<slug>[^/]+)\/manifest$/, manifestRoute.POST],
    ["POST", /^\/api\/v1\/audit\/events$/, ingestRoute.POST],
  ];
  let http: HttpServer | null = null;
  // Port 0 takes a free port at the first start, and keeps it across stop and start (an outage, then recovery).
  let bound = port;
  return {
    get url() {
      return `http://127.0.0.1:${bound}`;
    },
    async start() {
      http = createServer(async (req, res) => {
        const url = new URL(req.url ?? "/", `http://127.0.0.1:${bound}`);
        const route = routes.find(([m, re]) => m === req.method && re.test(url.pathname));
        if (!route) return res.writeHead(404).end();
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        const abort = new AbortController();
        res.on("close", () => abort.abort());
        const headers = Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === "string");
        const response = await route[2](
          new Request(url, {
            method: req.method,
            headers,
            body: req.method === "GET" ? undefined : Buffer.concat(chunks),
            signal: abort.signal,
          }),
          { params: Promise.resolve({ ...route[1].exec(url.pathname)!.groups }) },
        );
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      });
      await new Promise<void>((r) => http!.listen(bound, "127.0.0.1", r));
      bound = (http.address() as AddressInfo).port;
    },
    async stop() {
      if (!http) return; // never started (a failed setup): nothing to wait for
      http.closeAllConnections();
      await new Promise((r) => http!.close(r));
      http = null;
    },
  };
}
