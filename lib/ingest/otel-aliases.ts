import { INGEST_TEXT_LIMITS } from "@/lib/schemas/ingest";

/**
 * OpenTelemetry MCP and GenAI semantic-convention names, mapped to Warden's event fields, so a
 * gateway can send the attributes it already emits.
 */
export const OTEL_ALIASES: Record<string, string> = {
  "mcp.method.name": "method",
  "mcp.session.id": "sessionId",
  "mcp.server.name": "server",
  "mcp.tool.name": "tool",
  "mcp.client.name": "agent",
  "gen_ai.tool.name": "tool",
  "gen_ai.tool.call.arguments": "arguments",
  "gen_ai.tool.call.result": "responseSummary",
  "error.type": "errorType",
  "warden.decision.rule": "rule",
  "warden.decision.reason": "reason",
  "mcp.decision.rule": "rule",
  "mcp.decision.reason": "reason",
  "jsonrpc.request.id": "requestId",
};

/** The OpenTelemetry span status, as an exporter flattens it ("UNSET", "OK" or "ERROR"). */
export const OTEL_STATUS_KEY = "otel.status_code";

/**
 * Renames aliased keys; a Warden name given alongside its alias wins. Values are left as sent; a rule given
 * only as `attributes.rule` becomes the event's rule.
 * An event in OpenTelemetry form needs no Warden `outcome`: it comes from the span status or
 * `error.type`, as OpenTelemetry defines them (an error type or an ERROR status is a failed call).
 */
export function applyAliases(event: Record<string, unknown>): Record<string, unknown> {
  if (needsNoAliases(event)) return event;
  const entries: [string, unknown][] = [];
  let otel = false;
  for (const [key, value] of Object.entries(event)) {
    if (key === OTEL_STATUS_KEY) {
      otel = true;
      continue;
    }
    const target = Object.hasOwn(OTEL_ALIASES, key) ? OTEL_ALIASES[key] : undefined;
    if (target) otel = true;
    if (!target) entries.push([key, value]);
    else if (!Object.hasOwn(event, target)) entries.push([target, aliasValue(target, value)]);
  }
  // fromEntries defines own properties, so a "__proto__" key stays data and never becomes a prototype.
  const out = Object.fromEntries(entries);
  // Gateways (Warden's own among them) often report the deciding rule among their attributes: it is the
  // event's rule, so the dashboard counts the call under it and the explorer finds it there.
  const attributes = out.attributes as Record<string, unknown> | undefined;
  const rule = typeof attributes?.rule === "string" ? attributes.rule.trim() : "";
  if (out.rule === undefined && rule && rule.length <= INGEST_TEXT_LIMITS.rule) out.rule = rule;
  if (out.outcome === undefined) {
    const failed = Boolean(out.errorType) || String(event[OTEL_STATUS_KEY] ?? "").toUpperCase() === "ERROR";
    if (failed) out.outcome = "error";
    else if (otel) out.outcome = "success";
  }
  return out;
}

/**
 * An event in Warden's own form, the common case: no alias, no span status, an outcome, and no rule to lift
 * from its attributes. applyAliases would return a copy equal to it.
 */
function needsNoAliases(event: Record<string, unknown>): boolean {
  if (event.outcome === undefined) return false;
  for (const key in event) if (key === OTEL_STATUS_KEY || Object.hasOwn(OTEL_ALIASES, key)) return false;
  const attributes = event.attributes as Record<string, unknown> | undefined;
  return event.rule !== undefined || typeof attributes?.rule !== "string";
}

function aliasValue(target: string, value: unknown): unknown {
  if (target === "arguments" && typeof value === "string") return parseMaybeJson(value);
  if (target === "responseSummary" && typeof value !== "string") return JSON.stringify(value);
  return value;
}

function parseMaybeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}
