import { z } from "zod";
import { date, jsonObject, jsonValue, text } from "./safe-input";
import { ZUserSource } from "./user-source";

import { normaliseOutcome, type Outcome } from "@/lib/schemas/outcome";
import { foldKnownRule } from "@/lib/schemas/rule";

/**
 * What a reported call can end as, a part of the audit log's one outcome vocabulary; other spellings
 * ("denied", "pending_approval") are folded into these. "allow" is a decision reported on its own (a
 * gateway's /v1/decide), not a call's result.
 */
export const INGEST_OUTCOMES = ["success", "error", "deny", "pending", "allow"] as const satisfies readonly Outcome[];
type IngestOutcome = (typeof INGEST_OUTCOMES)[number];

/**
 * The longest text each field takes (after trimming, for the trimmed ones). The gateway's storable
 * events are cut to these same numbers (lib/ingest/storable-event.ts), so the two never drift apart.
 */
export const INGEST_TEXT_LIMITS = {
  eventId: 200,
  server: 120,
  tool: 128,
  agent: 120,
  onBehalfOf: 254,
  sessionId: 200,
  method: 64,
  rule: 120,
  reason: 1000,
  responseSummary: 4000,
  traceId: 128,
  decisionId: 128,
  errorType: 200,
  requestId: 200,
} as const;
/** Fields whose surrounding white space ingest trims (and which must not be blank, for the required ones). */
export const INGEST_TRIMMED_FIELDS = [
  "eventId",
  "server",
  "tool",
  "agent",
  "onBehalfOf",
  "sessionId",
  "method",
  "rule",
  "reason",
] as const;
export const INGEST_REQUIRED_TEXT = ["server", "agent"] as const;
export const INGEST_MAX_LATENCY_MS = 3_600_000;
const L = INGEST_TEXT_LIMITS;

/** One MCP call as a gateway or server reports it (after OTel aliases are mapped). */
export const ZIngestEvent = z.strictObject({
  eventId: text().trim().min(1).max(L.eventId).optional(),
  timestamp: date("timestamp must be an ISO 8601 date"),
  server: text().trim().min(1, "server is required").max(L.server),
  tool: text().trim().max(L.tool).optional(),
  agent: text().trim().min(1, "agent is required").max(L.agent),
  onBehalfOf: text().trim().max(L.onBehalfOf).optional(),
  userSource: ZUserSource.optional(),
  sessionId: text().trim().max(L.sessionId).optional(),
  method: text().trim().max(L.method).default("tools/call"),
  arguments: jsonValue().optional(),
  outcome: z.string({ error: `outcome must be one of ${INGEST_OUTCOMES.join(", ")}` }).transform((v, ctx) => {
    const o = normaliseOutcome(v);
    if (o && (INGEST_OUTCOMES as readonly string[]).includes(o)) return o as IngestOutcome;
    ctx.addIssue({ code: "custom", message: `outcome must be one of ${INGEST_OUTCOMES.join(", ")}` });
    return z.NEVER;
  }),
  /** The rule that decided the call (a gateway's own, or Warden's), and why, for a denied or paused call. */
  /** Folded into the one rule vocabulary (`rule.ts`): "field_denied" is stored as the engine's "denied_field". */
  rule: text()
    .trim()
    .max(L.rule)
    .transform((v) => (v ? foldKnownRule(v) : undefined))
    .optional(),
  reason: text().trim().max(L.reason).optional(),
  responseSummary: text().max(L.responseSummary).optional(),
  recordsReturned: z.number().int().min(0).optional(),
  bytes: z.number().int().min(0).optional(),
  latencyMs: z.number().min(0).max(INGEST_MAX_LATENCY_MS).optional(),
  traceId: text().max(L.traceId).optional(),
  decisionId: text().max(L.decisionId).optional(),
  errorType: text().max(L.errorType).optional(),
  requestId: z.union([text(L.requestId), z.number()]).optional(),
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

/** Warden's answer to a batch: what it stored, what it had already, and what it refused (by index in the batch). */
export const ZIngestAnswer = z.object({
  accepted: z.number().int().describe("events stored now"),
  duplicates: z.number().int().describe("events whose eventId was already stored"),
  rejected: z
    .array(
      z.object({
        index: z.number().int().describe("the event's place in the batch, from 0"),
        eventId: z.string().optional(),
        field: z.string(),
        message: z.string(),
      }),
    )
    .describe("one entry per problem; an event with several problems appears once for each"),
});
export type IngestAnswer = z.infer<typeof ZIngestAnswer>;
