import { bodyAppError } from "@/lib/http/body-app-error";
import { readRequestBody } from "@/lib/http/read-body";
import { otlpResponse } from "@/lib/otlp/encode-response";
import type { Signal } from "@/lib/otlp/decode";
import { INGEST_LIMITS } from "@/lib/schemas/ingest";
import { ingestOtlp } from "@/lib/services/ingest/ingest-otlp";
import { withRoute } from "./with-route";

/** OTLP/HTTP receiver (protobuf or JSON) for one signal: MCP spans or log records become audit events. */
export const otlpRoute = (signal: Signal) =>
  withRoute({ permission: "audit.ingest", auth: "token" }, async ({ actor, req }) => {
    // Read off the wire and inflated within the same limit: OTLP exporters may gzip their requests.
    const body = await readRequestBody(req, { maxBytes: INGEST_LIMITS.maxBytes, decode: "gzip" }).catch(
      (error: unknown) => {
        throw bodyAppError(error, "An export request");
      },
    );
    const contentType = req.headers.get("content-type") ?? "";
    const r = await ingestOtlp(actor, signal, { body, contentType });
    return otlpResponse(signal, contentType, r.rejected, r.errorMessage);
  });
