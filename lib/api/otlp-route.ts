import { AppError } from "@/lib/errors";
import { otlpResponse } from "@/lib/otlp/encode-response";
import type { Signal } from "@/lib/otlp/decode";
import { INGEST_LIMITS } from "@/lib/schemas/ingest";
import { ingestOtlp } from "@/lib/services/ingest/ingest-otlp";
import { withRoute } from "./with-route";

/** OTLP/HTTP receiver (protobuf or JSON) for one signal: MCP spans or log records become audit events. */
export const otlpRoute = (signal: Signal) =>
  withRoute({ permission: "audit.ingest", auth: "token" }, async ({ actor, req }) => {
    if (Number(req.headers.get("content-length") ?? 0) > INGEST_LIMITS.maxBytes)
      throw new AppError("PAYLOAD_TOO_LARGE", `An export request is limited to ${INGEST_LIMITS.maxBytes} bytes`);
    const contentType = req.headers.get("content-type") ?? "";
    const r = await ingestOtlp(actor, signal, {
      body: new Uint8Array(await req.arrayBuffer()),
      contentType,
      contentEncoding: req.headers.get("content-encoding"),
    });
    return otlpResponse(signal, contentType, r.rejected, r.errorMessage);
  });
