import { withRoute } from "@/lib/api/with-route";
import { AppError } from "@/lib/errors";
import { parseBatch } from "@/lib/ingest/parse-batch";
import { INGEST_LIMITS, INGEST_MEDIA_TYPES } from "@/lib/schemas/ingest";
import { ingestEvents } from "@/lib/services/ingest/ingest-events";

/**
 * Gateways send call logs: a JSON array, {"events": [...]}, or NDJSON. Each event stands on its own: the
 * valid ones are stored and the answer lists the refused ones (`rejected`, by index, with the field and
 * why), which also raise a finding. `?atomic=true` asks for all or nothing: one invalid event, nothing
 * stored, 400. A body that is not a batch at all (not JSON, empty, too large) is a 4xx either way.
 */
export const POST = withRoute(
  {
    permission: "audit.ingest",
    auth: "token",
    text: { maxBytes: INGEST_LIMITS.maxBytes, types: INGEST_MEDIA_TYPES },
  },
  async ({ actor, text, contentType, req }) => {
    const atomic = new URL(req.url).searchParams.get("atomic") === "true";
    const parsed = parseBatch(text, contentType);
    if (atomic && !parsed.ok)
      throw new AppError(
        "BAD_REQUEST",
        `${parsed.errors.length} invalid event field(s); nothing was stored`,
        undefined,
        parsed.errors,
      );
    const stored = await ingestEvents(actor, parsed.events, parsed.errors);
    return { ...stored, rejected: parsed.errors };
  },
);
