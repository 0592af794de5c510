import protobuf from "protobufjs";
import descriptor from "./otlp-descriptor.json";
import type { Signal } from "./decode";

const root = protobuf.Root.fromJSON(descriptor as protobuf.INamespace);
const RESPONSES = {
  traces: root.lookupType("opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse"),
  logs: root.lookupType("opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse"),
};

/** The OTLP/HTTP success response, in the request's encoding, with partial success when some were rejected. */
export function otlpResponse(signal: Signal, contentType: string, rejected: number, errorMessage: string): Response {
  const field = signal === "traces" ? "rejectedSpans" : "rejectedLogRecords";
  const message = rejected > 0 ? { partialSuccess: { [field]: String(rejected), errorMessage } } : {};
  if (contentType.includes("json")) return Response.json(message);
  const type = RESPONSES[signal];
  const bytes = type.encode(type.fromObject(message)).finish();
  return new Response(Buffer.from(bytes), { headers: { "content-type": "application/x-protobuf" } });
}
