import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { callerFields, type GatewayEvent } from "./audit-event";
import type { GatewayCore } from "./core";
import type { Principal } from "./oauth/authenticate";

/**
 * MCP 2026-07-28, Transports › Streamable HTTP › Standard Headers (SEP-2243): a POST mirrors its JSON-RPC
 * `method` in `Mcp-Method`, and `params.name` (tools/call, prompts/get) or `params.uri` (resources/read,
 * resources/subscribe, resources/unsubscribe) in `Mcp-Name`, so intermediaries can route without reading the
 * body. "Servers that process the request body MUST reject requests where the values specified in the headers
 * do not match the values in the request body": a gateway that authorises on the body while something in
 * front of it routes on the headers would otherwise act on two different requests. The refusal is
 * `400 Bad Request` with the JSON-RPC error HeaderMismatch, -32020 (as the TypeScript SDK's 2026-07-28
 * handler answers it: typescript-sdk packages/server/test/server/stdHeaderValidation.test.ts). The SDK's
 * client-side PRs, typescript-sdk#2069 (headers sent and checked) and #2178 (sent, for #2176), are closed:
 * https://github.com/modelcontextprotocol/typescript-sdk/pull/2178
 * https://github.com/modelcontextprotocol/modelcontextprotocol/blob/main/seps/2243-http-standardization.md
 *
 * The SDK this gateway runs (1.32.2) speaks 2025-11-25, whose clients send no such header: a request
 * without them is served as before (the 2026-07-28 rule that they are required is not applied). Only a
 * header that is present is checked.
 */
export const HEADER_MISMATCH = -32020;

/** Where Mcp-Name comes from, per method (SEP-2243 › Standard Headers); another method: name, else uri. */
const NAME_SOURCE: Record<string, "name" | "uri"> = {
  "tools/call": "name",
  "prompts/get": "name",
  "resources/read": "uri",
  "resources/subscribe": "uri",
  "resources/unsubscribe": "uri",
};

const SENTINEL = /^=\?base64\?(.*)\?=$/s;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * A header value as the client meant it. SEP-2243 › Header Processing › Value Encoding: a value that is not
 * plain visible ASCII (non-ASCII, control characters, leading or trailing whitespace) is sent as
 * `=?base64?{Base64 of its UTF-8 bytes}?=`, and "Servers and intermediaries that need to inspect these values
 * MUST decode them accordingly". Undefined when the sentinel wraps something that is not Base64 of UTF-8.
 * A plain value is compared as it came (Node reads header bytes as Latin-1: raw UTF-8 never matches).
 */
export function decodeHeaderValue(value: string): string | undefined {
  const wrapped = SENTINEL.exec(value);
  if (!wrapped) return value;
  if (!BASE64.test(wrapped[1])) return undefined;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(wrapped[1], "base64"));
  } catch {
    return undefined;
  }
}

type Mismatch = { header: "Mcp-Method" | "Mcp-Name"; message: string };

/** The first header that does not match the body, or null (no header, or every header matches). */
export function headerMismatch(req: IncomingMessage, body: unknown): Mismatch | null {
  const sent = (["Mcp-Method", "Mcp-Name"] as const)
    .map((header) => ({ header, values: req.headersDistinct[header.toLowerCase()] }))
    .filter((h): h is { header: Mismatch["header"]; values: string[] } => h.values !== undefined);
  if (!sent.length) return null;
  const message = body !== null && typeof body === "object" && !Array.isArray(body) ? body : undefined;
  const method = (message as { method?: unknown } | undefined)?.method;
  for (const { header, values } of sent) {
    if (values.length !== 1) return { header, message: `${header} is sent once, not ${values.length} times` };
    if (typeof method !== "string")
      return {
        header,
        message: `${header} cannot match this body: it mirrors one JSON-RPC request or notification, not ${Array.isArray(body) ? "a batch" : "a response"}`,
      };
    const expected = header === "Mcp-Method" ? method : nameOf(method, (message as { params?: unknown }).params);
    const got = decodeHeaderValue(values[0]);
    if (got === undefined)
      return { header, message: `${header} is not valid =?base64?…?= (Base64 of UTF-8 text, SEP-2243 Value Encoding)` };
    // Case-sensitive: JSON-RPC method names and MCP names are; only header names are not (RFC 9110 §5.1).
    if (got !== expected)
      return {
        header,
        message: `${header} ${JSON.stringify(clip(got))} does not match the body's ${header === "Mcp-Method" ? "method" : NAME_SOURCE[method] === "uri" ? "params.uri" : "params.name"} ${expected === undefined ? "(none)" : JSON.stringify(clip(expected))}`,
      };
  }
  return null;
}

function nameOf(method: string, params: unknown): string | undefined {
  const p = (params ?? {}) as { name?: unknown; uri?: unknown };
  const source = NAME_SOURCE[method];
  const value = source ? p[source] : typeof p.name === "string" ? p.name : p.uri;
  return typeof value === "string" ? value : undefined;
}

const clip = (v: string) => (v.length > 100 ? `${v.slice(0, 100)}…` : v);

/** Records a refused mismatch as a denial in the audit log and the decision metrics, like any other refusal. */
export function recordHeaderMismatch(
  core: GatewayCore,
  slug: string,
  principal: Principal,
  req: IncomingMessage,
  body: unknown,
  mismatch: Mismatch,
): void {
  const message = (body !== null && typeof body === "object" && !Array.isArray(body) ? body : {}) as {
    method?: unknown;
    id?: unknown;
    params?: { name?: unknown };
  };
  const method = typeof message.method === "string" ? message.method : Array.isArray(body) ? "(batch)" : "(response)";
  const session = req.headers["mcp-session-id"];
  const event: GatewayEvent = {
    eventId: randomUUID(),
    timestamp: new Date().toISOString(),
    server: slug,
    ...(method === "tools/call" && typeof message.params?.name === "string" ? { tool: message.params.name } : {}),
    ...callerFields({
      agent: principal.agent,
      ...principal.user,
      sessionId: typeof session === "string" ? session : undefined,
    }),
    method: clip(method),
    outcome: "deny",
    errorType: "header_mismatch",
    ...(typeof message.id === "string" || typeof message.id === "number" ? { requestId: message.id } : {}),
    attributes: {
      gatewayId: core.gatewayId,
      rule: "header_mismatch",
      header: mismatch.header,
      reasons: [mismatch.message],
    },
  };
  core.metrics.decided("call", "deny", "header_mismatch", 0);
  try {
    core.spool.done(event);
  } catch (error) {
    core.log("audit spool write failed for a header mismatch", { level: "error", error });
  }
}
