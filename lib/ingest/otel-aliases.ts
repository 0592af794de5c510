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

/** Renames aliased keys; a Warden name given alongside its alias wins. Values are left as sent. */
export function applyAliases(event: Record<string, unknown>): Record<string, unknown> {
  const entries: [string, unknown][] = [];
  for (const [key, value] of Object.entries(event)) {
    const target = Object.hasOwn(OTEL_ALIASES, key) ? OTEL_ALIASES[key] : undefined;
    if (!target) entries.push([key, value]);
    else if (!Object.hasOwn(event, target)) entries.push([target, aliasValue(target, value)]);
  }
  // fromEntries defines own properties, so a "__proto__" key stays data and never becomes a prototype.
  const out = Object.fromEntries(entries);
  if (out.errorType && out.outcome === undefined) out.outcome = "error";
  return out;
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
