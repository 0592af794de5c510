import type { IncomingMessage } from "node:http";

/** Why a request is refused before any route sees it: the HTTP status and the JSON-RPC error's message. */
export type Refusal = { status: 400 | 403; message: string };

/** The names of this machine a local client dials; `allowed_hosts` adds others. */
const LOCAL_NAMES = ["localhost", "127.0.0.1", "[::1]"];

/**
 * The host name a Host header value (`host[:port]`) names, spelled one way: lowercase, without the root's
 * trailing dot (`localhost.` is `localhost`); addresses only in their canonical (WHATWG URL) form. The port is not
 * part of it: DNS rebinding is about the name a page made the browser resolve, and the port is the one it
 * dialled. Undefined for anything that is not `host[:port]` (user info, paths, lists, zone ids).
 */
export function hostName(value: string): string | undefined {
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::(\d{1,5}))?$/i.exec(value);
  if (!m || (m[2] !== undefined && Number(m[2]) > 65_535)) return undefined;
  let name: string;
  try {
    name = new URL(`http://${m[1]}`).hostname;
  } catch {
    return undefined;
  }
  // One spelling per address: `127.1`, `0x7f.0.0.1` or `[0:0::1]` are refused rather than read as
  // 127.0.0.1 or [::1] (browsers send the canonical form; the MCP SDK's transport refuses the others).
  if (name !== m[1].toLowerCase()) return undefined;
  return name.endsWith(".") ? name.slice(0, -1) : name;
}

/**
 * The serialised origin of an Origin header or an `allowed_origins` entry (`scheme://host[:port]`,
 * RFC 6454 §7), lowercase and without a default port; undefined when it is not an http(s) origin
 * (`null`, a path, user info).
 */
export function originOf(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  if (url.username || url.password || url.pathname !== "/" || url.search || url.hash) return undefined;
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/?#]+\/?$/i.test(value)) return undefined;
  return url.origin;
}

const quoted = (v: string) => JSON.stringify(v.length > 100 ? `${v.slice(0, 100)}…` : v);

/**
 * The first check of every request, on every path (/mcp, /v1/decide, /metrics, /healthz), so that a web
 * page can neither reach the gateway by DNS rebinding nor drive it from the browser of someone on this
 * machine:
 * - exactly one Host header (RFC 9112 §3.2: a server MUST answer 400 to a request with more than one, or
 *   none). Node keeps only the first of several in `req.headers`, so they are counted in `headersDistinct`;
 * - the request target is a path (origin-form): an absolute-form target names a host of its own, which
 *   RFC 9112 §3.2.2 says wins over Host;
 * - the Host names this machine or an `allowed_hosts` entry;
 * - an Origin header, when present, is the gateway's own origin (`http://` and the Host it was dialled at:
 *   only a page the gateway served itself carries it, and it serves none a script runs in) or one of
 *   `allowed_origins` (none by default: agents that are not browsers send no Origin). A rebinding page
 *   carries its own name in both Host and Origin, and another local port is another origin (RFC 6454 §5).
 *   The conformance suite's dns-rebinding-protection scenario expects such a same-origin request served.
 *   MCP 2025-11-25, Basic › Transports › Streamable HTTP › "Security Warning":
 *   "Servers MUST validate the Origin header on all incoming connections to prevent DNS rebinding attacks.
 *   If the Origin header is present and invalid, servers MUST respond with HTTP 403 Forbidden. The HTTP
 *   response body MAY comprise a JSON-RPC error response that has no id."
 *   https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#security-warning
 */
export function requestGuard(config: { allowed_hosts: readonly string[]; allowed_origins: readonly string[] }) {
  const hosts = new Set([...LOCAL_NAMES, ...config.allowed_hosts].map(hostName));
  const origins = new Set(config.allowed_origins.map(originOf));
  hosts.delete(undefined);
  origins.delete(undefined);

  return (req: IncomingMessage): Refusal | null => {
    const host = req.headersDistinct.host ?? [];
    if (host.length !== 1)
      return { status: 400, message: `A request carries exactly one Host header (RFC 9112 §3.2), not ${host.length}` };
    if (!(req.url ?? "").startsWith("/"))
      return { status: 400, message: "The request target must be a path (origin-form, RFC 9112 §3.2.1)" };
    const name = hostName(host[0]);
    if (name === undefined) return { status: 400, message: `Host ${quoted(host[0])} is not a valid host[:port]` };
    if (!hosts.has(name))
      return {
        status: 403,
        message: `Host ${quoted(host[0])} is not allowed: the gateway answers to localhost, 127.0.0.1, [::1] and allowed_hosts`,
      };
    const origin = req.headersDistinct.origin;
    if (origin === undefined) return null;
    const own = originOf(`http://${host[0]}`);
    if (origin.length !== 1 || !(origins.has(originOf(origin[0])) || originOf(origin[0]) === own))
      return {
        status: 403,
        message: `Origin ${quoted(origin.join(", "))} is not allowed: list browser origins in allowed_origins`,
      };
    return null;
  };
}
