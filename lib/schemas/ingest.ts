import { z } from "zod";

export const INGEST_OUTCOMES = ["success", "error", "denied", "pending_approval"] as const;

/** One MCP call as a gateway or server reports it (after OTel aliases are mapped). */
export const ZIngestEvent = z.strictObject({
  eventId: z.string().trim().min(1).max(200).optional(),
  timestamp: z.coerce
    .date({ error: "timestamp must be an ISO 8601 date" })
    .refine((d) => !Number.isNaN(d.getTime()), "Invalid date"),
  server: z.string().trim().min(1, "server is required").max(120),
  tool: z.string().trim().max(128).optional(),
  agent: z.string().trim().min(1, "agent is required").max(120),
  onBehalfOf: z.string().trim().max(254).optional(),
  sessionId: z.string().trim().max(200).optional(),
  method: z.string().trim().max(64).default("tools/call"),
  arguments: z.unknown().optional(),
  outcome: z.enum(INGEST_OUTCOMES, `outcome must be one of ${INGEST_OUTCOMES.join(", ")}`),
  responseSummary: z.string().max(4000).optional(),
  recordsReturned: z.number().int().min(0).optional(),
  bytes: z.number().int().min(0).optional(),
  latencyMs: z.number().min(0).max(3_600_000).optional(),
  traceId: z.string().max(128).optional(),
  decisionId: z.string().max(128).optional(),
  errorType: z.string().max(200).optional(),
  requestId: z.union([z.string(), z.number()]).optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
});
export type TIngestEvent = z.infer<typeof ZIngestEvent>;

export const INGEST_LIMITS = { maxEvents: 5000, maxBytes: 5 * 1024 * 1024 };
