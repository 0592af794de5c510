import protobuf from "protobufjs";
import { AppError } from "@/lib/errors";
import descriptor from "./otlp-descriptor.json";

const root = protobuf.Root.fromJSON(descriptor as protobuf.INamespace);
const TYPES = {
  traces: root.lookupType("opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest"),
  logs: root.lookupType("opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest"),
};

export type Signal = keyof typeof TYPES;

/** An OTLP/JSON-shaped object (lowerCamelCase fields, ids in hex, 64-bit integers as strings). */
export type OtlpObject = Record<string, unknown>;

const HEX_FIELDS = new Set(["traceId", "spanId", "parentSpanId"]);

/** OTLP/JSON writes trace and span ids as hex, where protobuf carries bytes: make protobuf match JSON. */
function idsToHex(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(idsToHex);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      HEX_FIELDS.has(k) && typeof v === "string" ? Buffer.from(v, "base64").toString("hex") : idsToHex(v),
    ]),
  );
}

/**
 * Decodes an OTLP/HTTP export request, protobuf or JSON, with the OpenTelemetry project's own
 * message definitions (opentelemetry-proto, through protobufjs). Both come out in the OTLP/JSON shape.
 */
export function decodeOtlp(signal: Signal, body: Uint8Array, contentType: string): OtlpObject {
  if (contentType.includes("json")) {
    try {
      const parsed: unknown = JSON.parse(Buffer.from(body).toString("utf8"));
      if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not an object");
      return parsed as OtlpObject;
    } catch {
      throw new AppError("BAD_REQUEST", "The body is not an OTLP/JSON export request");
    }
  }
  if (!contentType.includes("protobuf"))
    throw new AppError("BAD_REQUEST", "Send application/x-protobuf or application/json (OTLP/HTTP)");
  try {
    const message = TYPES[signal].decode(body);
    return idsToHex(
      TYPES[signal].toObject(message, { longs: String, bytes: String, enums: Number, arrays: true }),
    ) as OtlpObject;
  } catch {
    throw new AppError("BAD_REQUEST", "The body is not an OTLP protobuf export request");
  }
}
