import { writeFileSync } from "node:fs";
import path from "node:path";
import protobuf from "protobufjs";

/**
 * Regenerates lib/otlp/otlp-descriptor.json from the OpenTelemetry project's .proto files in
 * lib/otlp/proto (opentelemetry-proto, Apache-2.0), so the server decodes OTLP without reading files.
 */
const dir = path.resolve("lib/otlp/proto");
const root = new protobuf.Root();
root.resolvePath = (_origin, target) => path.join(dir, target);
root.loadSync([
  "opentelemetry/proto/collector/trace/v1/trace_service.proto",
  "opentelemetry/proto/collector/logs/v1/logs_service.proto",
]);
writeFileSync("lib/otlp/otlp-descriptor.json", `${JSON.stringify(root.toJSON(), null, 1)}\n`);
console.log("wrote lib/otlp/otlp-descriptor.json");
