import { AppError } from "@/lib/errors";
import { withRoute } from "@/lib/api/with-route";
import { parseBatch } from "@/lib/ingest/parse-batch";
import { INGEST_LIMITS } from "@/lib/schemas/ingest";
import { ingestEvents } from "@/lib/services/ingest/ingest-events";

/** Gateways send call logs: a JSON array, {"events": [...]}, or NDJSON. All or nothing. */
export const POST = withRoute({ permission: "audit.ingest", auth: "token" }, async ({ actor, req }) => {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > INGEST_LIMITS.maxBytes)
    throw new AppError("PAYLOAD_TOO_LARGE", `A batch is limited to ${INGEST_LIMITS.maxBytes} bytes`);
  const parsed = parseBatch(await req.text(), req.headers.get("content-type") ?? "application/json");
  if (!parsed.ok)
    return Response.json(
      {
        error: { code: "BAD_REQUEST", message: `${parsed.errors.length} invalid event field(s); nothing was stored` },
        errors: parsed.errors,
      },
      { status: 400 },
    );
  return ingestEvents(actor, parsed.events);
});
