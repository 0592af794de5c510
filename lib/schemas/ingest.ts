import { z } from "zod";
import { date, jsonObject, jsonValue, text } from "./safe-input";

import { normaliseOutcome } from "@/lib/schemas/outcome";

/** What a reported call can end as; other spellings ("denied", "pending_approval") are folded into these. */
/** A call's outcome; "allow" is a decision reported on its own (a gateway's /v1/decide), not a call's result. */
export const INGEST_OUTCOMES = ["success", "error", "deny", "pending", "allow"] as const;
type IngestOutcome = (typeof INGEST_OUTCOMES)[number];

/** One MCP call as a gateway or server reports it (after OTel aliases are mapped). */
export const ZIngestEvent = z.strictObject({
  eventId: text().trim().min(1).max(200).optional(),
  timestamp: date("timestamp must be an ISO 8601 date"),
  server: text().trim().min(1, "server is required").max(120),
  tool: text().trim().max(128).optional(),
  agent: text().trim().min(1, "agent is required").max(120),
  onBehalfOf: text().trim().max(254).optional(),
  sessionId: text().trim().max(200).optional(),
  method: text().trim().max(64).default("tools/call"),
  arguments: jsonValue().optional(),
  outcome: z.string({ error: `outcome must be one of ${INGEST_OUTCOMES.join(", ")}` }).transform((v, ctx) => {
    const o = normaliseOutcome(v);
    if (o && (INGEST_OUTCOMES as readonly string[]).includes(o)) return o as IngestOutcome;
    ctx.addIssue({ code: "custom", message: `outcome must be one of ${INGEST_OUTCOMES.join(", ")}` });
    return z.NEVER;
  }),
  /** The rule that decided the call (a gateway's own, or Warden's), and why, for a denied or paused call. */
  rule: text().trim().max(120).optional(),
  reason: text().trim().max(1000).optional(),
  responseSummary: text().max(4000).optional(),
  recordsReturned: z.number().int().min(0).optional(),
  bytes: z.number().int().min(0).optional(),
  latencyMs: z.number().min(0).max(3_600_000).optional(),
  traceId: text().max(128).optional(),
  decisionId: text().max(128).optional(),
  errorType: text().max(200).optional(),
  requestId: z.union([text(200), z.number()]).optional(),
  attributes: jsonObject().optional(),
});
export type TIngestEvent = z.infer<typeof ZIngestEvent>;

export const INGEST_LIMITS = { maxEvents: 5000, maxBytes: 5 * 1024 * 1024 };

/** A JSON array or {"events": [...]} as JSON; one event per line as NDJSON (JSON Lines). */
export const INGEST_MEDIA_TYPES = [
  "application/json",
  "application/x-ndjson",
  "application/ndjson",
  "application/jsonl",
  "application/x-jsonlines",
] as const;
