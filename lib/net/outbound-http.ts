import http from "node:http";
import https from "node:https";
import { OutboundError, classifyOutboundError } from "./outbound-error";
import { endpointOf, pinnedLookup, resolveOutbound, type GuardOptions } from "./outbound-guard";

export type OutboundPost = { headers: Record<string, string>; body: string; timeoutMs: number };

/**
 * POSTs to an ADMIN-configured URL through the outbound guard, on a connection pinned to the checked
 * address. Redirects are refused, never followed (a 3xx could point anywhere, token and all). Resolves
 * with the status of a 2xx answer; anything else throws OutboundError with a classified reason. The
 * answer's body is read and dropped: it is never returned, stored or logged.
 */
export async function postOutbound(url: string, post: OutboundPost, options: GuardOptions = {}) {
  const { protocol, host, port } = endpointOf(url);
  if (protocol !== "http:" && protocol !== "https:") throw new OutboundError("address_denied");
  const pinned = await resolveOutbound(host, port, options);
  const u = new URL(url);
  const send = protocol === "https:" ? https.request : http.request;
  return new Promise<{ status: number }>((resolve, reject) => {
    const fail = (e: unknown) => reject(e instanceof OutboundError ? e : new OutboundError(classifyOutboundError(e)));
    const req = send(
      {
        protocol,
        hostname: host,
        port,
        path: `${u.pathname}${u.search}`,
        method: "POST",
        headers: { ...post.headers, "content-length": String(Buffer.byteLength(post.body)) },
        lookup: pinnedLookup(pinned),
        agent: false,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        res.resume();
        res.on("error", fail);
        res.on("end", () => {
          clearTimeout(deadline);
          if (status >= 200 && status < 300) resolve({ status });
          else if (status >= 300 && status < 400) reject(new OutboundError("redirect_refused", status));
          else reject(new OutboundError(`http_${status}`, status));
        });
      },
    );
    const deadline = setTimeout(() => req.destroy(new OutboundError("timeout")), post.timeoutMs);
    req.on("error", (e) => {
      clearTimeout(deadline);
      fail(e);
    });
    req.end(post.body);
  });
}
