import { withRoute } from "@/lib/api/with-route";
import { AppError } from "@/lib/errors";
import { parseBatch } from "@/lib/ingest/parse-batch";
import { INGEST_LIMITS, INGEST_MEDIA_TYPES } from "@/lib/schemas/ingest";
import { ingestEvents } from "@/lib/services/ingest/ingest-events";

/** Gateways send call logs: a JSON array, {"events": [...]}, or NDJSON. All or nothing. */
export const POST = withRoute(
  {
    permission: "audit.ingest",
    auth: "token",
    text: { maxBytes: INGEST_LIMITS.maxBytes, types: INGEST_MEDIA_TYPES },
  },
  async ({ actor, text, contentType }) => {
    const parsed = parseBatch(text, contentType);
    if (!parsed.ok)
      throw new AppError(
        "BAD_REQUEST",
        `${parsed.errors.length} invalid event field(s); nothing was stored`,
        undefined,
        parsed.errors,
      );
    return ingestEvents(actor, parsed.events);
  },
);
