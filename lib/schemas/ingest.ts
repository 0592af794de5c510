import { z } from "zod";

import { normaliseOutcome } from "@/lib/schemas/outcome";

/** What a reported call can end as; other spellings ("denied", "pending_approval") are folded into these. */
export const INGEST_OUTCOMES = ["success", "error", "deny", "pending"] as const;
type IngestOutcome = (typeof INGEST_OUTCOMES)[number];

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
  outcome: z.string({ error: `outcome must be one of ${INGEST_OUTCOMES.join(", ")}` }).transform((v, ctx) => {
    const o = normaliseOutcome(v);
    if (o && (INGEST_OUTCOMES as readonly string[]).includes(o)) return o as IngestOutcome;
    ctx.addIssue({ code: "custom", message: `outcome must be one of ${INGEST_OUTCOMES.join(", ")}` });
    return z.NEVER;
  }),
  /** The rule that decided the call (a gateway's own, or Warden's), and why, for a denied or paused call. */
  rule: z.string().trim().max(120).optional(),
  reason: z.string().trim().max(1000).optional(),
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
