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
  "jsonrpc.request.id": "requestId",
};

/** Renames aliased keys; a Warden name given alongside its alias wins. Values are left as sent. */
export function applyAliases(event: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    const target = OTEL_ALIASES[key];
    if (!target) out[key] = value;
    else if (!(target in event)) out[target] = target === "arguments" && typeof value === "string" ? parseMaybeJson(value) : target === "responseSummary" && typeof value !== "string" ? JSON.stringify(value) : value;
  }
  if (out.errorType && out.outcome === undefined) out.outcome = "error";
  return out;
}

function parseMaybeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}
