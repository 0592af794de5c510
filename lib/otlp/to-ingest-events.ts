import { applyAliases, OTEL_ALIASES, OTEL_STATUS_KEY } from "@/lib/ingest/otel-aliases";
import type { OtlpObject, Signal } from "./decode";

type KeyValue = { key?: string; value?: AnyValue };
type AnyValue = {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  bytesValue?: string;
  arrayValue?: { values?: AnyValue[] };
  kvlistValue?: { values?: KeyValue[] };
};

function anyValue(v: AnyValue | undefined): unknown {
  if (!v) return undefined;
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.bytesValue !== undefined) return v.bytesValue;
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(anyValue);
  if (v.kvlistValue) return attributes(v.kvlistValue.values);
  return undefined;
}

function attributes(kvs: KeyValue[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kv of kvs ?? [])
    if (kv.key) Object.defineProperty(out, kv.key, { value: anyValue(kv.value), enumerable: true });
  return out;
}

const nanosToDate = (n: unknown) => new Date(Number(BigInt(String(n ?? 0)) / 1_000_000n));

// Span kinds (opentelemetry-proto trace.proto): the service that emitted a SERVER span is the MCP server;
// the one that emitted any other span (CLIENT, INTERNAL) is the agent calling it.
const SPAN_KIND_SERVER = 2;
const SPAN_KIND_CLIENT = 3;
const STATUS_ERROR = 2;

/** The identity fields an event needs, from MCP and general semantic conventions, then the resource. */
function identity(attrs: Record<string, unknown>, service: unknown, kind: number | undefined) {
  const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);
  return {
    server:
      str(attrs["mcp.server.name"]) ??
      (kind === SPAN_KIND_SERVER ? str(service) : undefined) ??
      str(attrs["server.address"]),
    agent:
      str(attrs["mcp.client.name"]) ??
      str(attrs["gen_ai.agent.name"]) ??
      (kind !== SPAN_KIND_SERVER ? str(service) : undefined) ??
      str(attrs["client.address"]),
    onBehalfOf: str(attrs["user.id"]) ?? str(attrs["enduser.id"]),
  };
}

const isMcp = (attrs: Record<string, unknown>) =>
  attrs["mcp.method.name"] !== undefined ||
  attrs["gen_ai.tool.name"] !== undefined ||
  attrs["mcp.tool.name"] !== undefined;

/** The attributes Warden maps to its own fields; everything else is kept as extra attributes. */
const CONSUMED = new Set([
  ...Object.keys(OTEL_ALIASES),
  "user.id",
  "enduser.id",
  "server.address",
  "client.address",
  "gen_ai.agent.name",
  "service.name",
]);

function flatEvent(
  attrs: Record<string, unknown>,
  fields: Record<string, unknown>,
  failed: boolean,
): Record<string, unknown> {
  const aliased: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(attrs)) {
    if (Object.hasOwn(OTEL_ALIASES, k)) aliased[k] = v;
    else if (!CONSUMED.has(k)) extra[k] = v;
  }
  const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  const event = applyAliases({
    ...aliased,
    ...given,
    [OTEL_STATUS_KEY]: failed ? "ERROR" : "OK",
    ...(Object.keys(extra).length ? { attributes: extra } : {}),
  });
  return event;
}

/**
 * MCP spans and log records as flat ingest events (validated afterwards like any batch). Spans that
 * are not MCP calls are skipped: an application exports all its spans, and only MCP ones are evidence.
 */
export function otlpToEvents(
  signal: Signal,
  request: OtlpObject,
): { events: Record<string, unknown>[]; skipped: number } {
  const events: Record<string, unknown>[] = [];
  let skipped = 0;
  const resources = (request[signal === "traces" ? "resourceSpans" : "resourceLogs"] ?? []) as Record<
    string,
    unknown
  >[];
  for (const rs of resources) {
    const resource = attributes((rs.resource as { attributes?: KeyValue[] } | undefined)?.attributes);
    const scopes = (rs[signal === "traces" ? "scopeSpans" : "scopeLogs"] ?? []) as Record<string, unknown>[];
    for (const scope of scopes) {
      const items = (scope[signal === "traces" ? "spans" : "logRecords"] ?? []) as Record<string, unknown>[];
      for (const item of items) {
        const attrs = { ...resource, ...attributes(item.attributes as KeyValue[]) };
        if (!isMcp(attrs)) {
          skipped++;
          continue;
        }
        const kind = item.kind === undefined ? undefined : Number(item.kind);
        const traceId = typeof item.traceId === "string" && item.traceId ? item.traceId : undefined;
        const spanId = typeof item.spanId === "string" && item.spanId ? item.spanId : undefined;
        if (signal === "traces") {
          const status = item.status as { code?: number | string; message?: string } | undefined;
          const failed = Number(status?.code ?? 0) === STATUS_ERROR || status?.code === "STATUS_CODE_ERROR";
          const start = nanosToDate(item.startTimeUnixNano);
          const end = nanosToDate(item.endTimeUnixNano);
          const method = typeof item.name === "string" ? item.name.split(" ")[0] : undefined;
          events.push(
            flatEvent(
              attrs,
              {
                ...identity(attrs, resource["service.name"], kind ?? SPAN_KIND_CLIENT),
                timestamp: start.toISOString(),
                latencyMs: Math.max(0, end.getTime() - start.getTime()),
                eventId: traceId && spanId ? `otel:${traceId}:${spanId}` : undefined,
                traceId,
                // A span named "tools/call get_weather" without mcp.method.name still says its method.
                method: attrs["mcp.method.name"] === undefined && method?.includes("/") ? method : undefined,
                errorType: failed && attrs["error.type"] === undefined ? status?.message || "error" : undefined,
              },
              failed,
            ),
          );
        } else {
          const severity = Number(item.severityNumber ?? 0);
          const failed = attrs["error.type"] !== undefined || severity >= 17; // ERROR and above
          const time =
            item.timeUnixNano && String(item.timeUnixNano) !== "0" ? item.timeUnixNano : item.observedTimeUnixNano;
          events.push(
            flatEvent(
              attrs,
              {
                ...identity(attrs, resource["service.name"], undefined),
                timestamp: nanosToDate(time).toISOString(),
                eventId: traceId && spanId ? `otel-log:${traceId}:${spanId}:${String(time)}` : undefined,
                traceId,
                errorType: failed && attrs["error.type"] === undefined ? "error" : undefined,
              },
              failed,
            ),
          );
        }
      }
    }
  }
  return { events, skipped };
}
