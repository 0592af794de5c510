import { z } from "zod";
import { ZDecisionInput } from "@/lib/schemas/decision";
import { INGEST_LIMITS, ZIngestEvent } from "@/lib/schemas/ingest";
import { ZToolManifest } from "@/lib/schemas/manifest";

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any" });

const ZDecisionResponse = z.object({
  decision: z.enum(["allow", "deny", "pending"]),
  reasons: z.array(z.string()),
  decisionId: z.string(),
  policyVersion: z.string().nullable(),
  approvalId: z.string().optional().describe("when pending, or when an approval was consumed"),
  expiresAt: z.string().optional().describe("when pending"),
  retryAfterSeconds: z.number().int().optional(),
});

const ZApprovalStatus = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(["PENDING", "APPROVED", "DENIED", "EXPIRED", "CANCELLED", "CONSUMED"]),
  expiresAt: z.string(),
  policyVersion: z.string().nullable(),
  approvals: z.number().int(),
  requiredApprovals: z.number().int(),
  retryAfterSeconds: z.number().int().optional(),
});

const ZIngestAnswer = z.object({
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

const ZError = z.object({
  error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() }),
});

const json = (s: z.ZodType) => ({ content: { "application/json": { schema: schema(s) } } });
const errors = {
  400: { description: "Invalid input, with field errors", ...json(ZError) },
  401: { description: "Missing, unknown, expired or revoked token", ...json(ZError) },
  403: { description: "The token lacks the scope", ...json(ZError) },
};

/** The machine API, described from the same zod schemas the handlers parse with. */
export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Warden machine API",
      version: "1",
      description: "For MCP gateways, agent runtimes and pipelines. Authenticate with `Authorization: Bearer <token>`.",
    },
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    security: [{ bearer: [] }],
    paths: {
      "/api/v1/decisions": {
        post: {
          summary: "Ask whether a tool call may proceed (scope: decide). Fails closed.",
          requestBody: { required: true, ...json(ZDecisionInput) },
          responses: { 200: { description: "The decision", ...json(ZDecisionResponse) }, ...errors },
        },
      },
      "/api/v1/approvals/{id}": {
        get: {
          summary: "Poll a pending approval (scope: decide)",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
          responses: {
            200: { description: "The request's state", ...json(ZApprovalStatus) },
            404: { description: "Unknown request", ...json(ZError) },
            ...errors,
          },
        },
      },
      "/api/v1/servers/{slug}/manifest": {
        post: {
          summary: "Import a server's tools/list result (scope: manifest)",
          parameters: [{ name: "slug", in: "path", required: true, schema: { type: "string" } }],
          requestBody: { required: true, ...json(ZToolManifest) },
          responses: {
            200: {
              description: "What changed",
              ...json(
                z.object({
                  added: z.array(z.string()),
                  changed: z.array(z.string()),
                  unchanged: z.array(z.string()),
                  missing: z.array(z.string()),
                }),
              ),
            },
            422: { description: "Malformed manifest, or a token in it (the field is named)", ...json(ZError) },
            ...errors,
          },
        },
      },
      "/api/v1/policy/bundle": {
        get: {
          summary:
            "The policy bundle a Warden gateway decides from (scope: bundle). Send If-None-Match with ?wait=30 to long-poll for a change",
          parameters: [
            { name: "wait", in: "query", required: false, schema: { type: "integer", minimum: 0, maximum: 60 } },
            { name: "If-None-Match", in: "header", required: false, schema: { type: "string" } },
          ],
          responses: {
            200: { description: "The bundle, with its ETag" },
            304: { description: "Unchanged during the wait" },
            ...errors,
          },
        },
      },
      "/api/v1/audit/events": {
        post: {
          summary:
            'Report MCP calls for the audit log (scope: ingest): a JSON array, {"events": [...]}, or NDJSON. Each event stands on its own: the valid ones are stored (an eventId already stored counts as a duplicate) and the refused ones are listed in `rejected`, and raise an `ingest_rejected` finding',
          parameters: [
            {
              name: "atomic",
              in: "query",
              required: false,
              description: "`true`: all or nothing; one invalid event and nothing is stored (400, with `errors`)",
              schema: { type: "boolean" },
            },
          ],
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  oneOf: [
                    { type: "array", items: schema(ZIngestEvent), maxItems: INGEST_LIMITS.maxEvents },
                    {
                      type: "object",
                      properties: {
                        events: { type: "array", items: schema(ZIngestEvent), maxItems: INGEST_LIMITS.maxEvents },
                      },
                      required: ["events"],
                    },
                  ],
                },
              },
              "application/x-ndjson": { schema: { type: "string", description: "one event per line" } },
            },
          },
          responses: {
            200: { description: "What was stored, and each refused event", ...json(ZIngestAnswer) },
            413: {
              description: `More than ${INGEST_LIMITS.maxEvents} events or ${INGEST_LIMITS.maxBytes} bytes`,
              ...json(ZError),
            },
            ...errors,
          },
        },
      },
      "/api/v1/audit/verify": {
        get: {
          summary: "Verify the audit hash chain against the trusted keys and the anchored checkpoints (scope: read)",
          responses: {
            200: {
              description:
                "`ok: true` with `checked`, `checkpoints`, `anchors`, `head`, `lastCheckpoint` and `unprotected` (records past the last checkpoint); or `ok: false` with the first bad `sequence`, its `problem` (edited, deleted, inserted, reordered, replaced, rewritten, forged, key_replaced, missing_checkpoint) and `detail`",
            },
            ...errors,
          },
        },
      },
      ...Object.fromEntries(
        (["traces", "logs"] as const).map((signal) => [
          `/api/v1/otlp/v1/${signal}`,
          {
            post: {
              summary: `OTLP/HTTP ${signal} receiver (scope: ingest): MCP semantic-convention ${signal === "traces" ? "spans" : "log records"} become audit events`,
              requestBody: {
                required: true,
                content: {
                  "application/x-protobuf": { schema: { type: "string", format: "binary" } },
                  "application/json": { schema: { type: "object" } },
                },
              },
              responses: {
                200: { description: "Export response, with partialSuccess when some were rejected" },
                ...errors,
              },
            },
          },
        ]),
      ),
    },
  };
}
