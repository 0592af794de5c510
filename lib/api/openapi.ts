import { z } from "zod";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import { ZApprovalState } from "@/lib/schemas/approval";
import { ZDecisionInput, ZDecisionResponse } from "@/lib/schemas/decision";
import { INGEST_LIMITS, ZIngestAnswer, ZIngestEvent } from "@/lib/schemas/ingest";
import { ZToolManifest } from "@/lib/schemas/manifest";

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any" });

// INTERNAL is the code of a 500: the one error that is not an AppError.
const ERROR_CODES = [...(Object.keys(ERROR_STATUS) as ErrorCode[]), "INTERNAL"] as const;

const ZError = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});

const json = (s: z.ZodType) => ({ content: { "application/json": { schema: schema(s) } } });

/** What each error means on the machine API, unless a route says more. */
const ERROR_TEXT: Record<ErrorCode, string> = {
  BAD_REQUEST: "Invalid input, with field errors",
  UNAUTHORIZED: "Missing, unknown, expired or revoked token",
  FORBIDDEN: "The token lacks the scope",
  NOT_FOUND: "Not found",
  METHOD_NOT_ALLOWED: "The route does not take this method",
  CONFLICT: "A concurrent change got there first: retry",
  PAYLOAD_TOO_LARGE: "The body is too large",
  UNSUPPORTED_MEDIA_TYPE: "The body's media type is not one this route takes",
  UNPROCESSABLE: "A secret value in the body (the field is named, the value never echoed)",
  LOCKED: "Locked",
  TOO_MANY_REQUESTS: "Too many requests: wait for Retry-After",
  UNAVAILABLE: "Warden is stopping: retry after Retry-After, or ask another instance",
};

/**
 * The error answers of a token route: every one can answer 401 and 403 (withRoute checks the token and
 * its scope first), then the codes given, each described by ERROR_TEXT or the route's own words.
 */
function errors(...codes: (ErrorCode | [ErrorCode, string])[]) {
  const all: [ErrorCode, string?][] = [
    ["UNAUTHORIZED"],
    ["FORBIDDEN"],
    ...codes.map((c) => (Array.isArray(c) ? c : [c]) as [ErrorCode, string?]),
  ];
  return Object.fromEntries(
    all.map(([code, text]) => [ERROR_STATUS[code], { description: text ?? ERROR_TEXT[code], ...json(ZError) }]),
  );
}

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
          responses: {
            200: { description: "The decision", ...json(ZDecisionResponse) },
            ...errors("BAD_REQUEST", "CONFLICT", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE"),
          },
        },
      },
      "/api/v1/approvals/{id}": {
        get: {
          summary: "Poll a pending approval (scope: decide)",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
          responses: {
            200: { description: "The request's state", ...json(ZApprovalState) },
            ...errors(["NOT_FOUND", "Unknown request"]),
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
            ...errors(
              "BAD_REQUEST",
              ["NOT_FOUND", "Unknown server, or one the token may not change"],
              "CONFLICT",
              "PAYLOAD_TOO_LARGE",
              "UNSUPPORTED_MEDIA_TYPE",
              ["UNPROCESSABLE", "Malformed manifest, or a token in it (the field is named)"],
            ),
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
            ...errors("BAD_REQUEST", "CONFLICT", "UNAVAILABLE"),
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
            ...errors(
              [
                "BAD_REQUEST",
                "Not a batch (not JSON, empty); or, with `atomic=true`, an invalid event: nothing stored, with `errors`",
              ],
              "CONFLICT",
              ["PAYLOAD_TOO_LARGE", `More than ${INGEST_LIMITS.maxEvents} events or ${INGEST_LIMITS.maxBytes} bytes`],
              "UNSUPPORTED_MEDIA_TYPE",
            ),
          },
        },
      },
      "/api/v1/audit/verify": {
        get: {
          summary: "Verify the audit hash chain against the trusted keys and the anchored checkpoints (scope: read)",
          responses: {
            200: {
              description:
                "`ok: true` with `checked`, `checkpoints`, `anchors`, `head`, `lastCheckpoint`, `unprotected` (records past the last checkpoint), `startedAfter` (null: a full check from the first record, or from the last seal) and `sealedThrough` (the seal of the last dropped month the live chain continues from, or null); or `ok: false` with the first bad `sequence`, its `problem` (edited, deleted, inserted, reordered, replaced, rewritten, forged, key_replaced, missing_checkpoint) and `detail`",
            },
            ...errors(),
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
                ...errors(
                  ["BAD_REQUEST", "Not an OTLP export request, or an unsupported Content-Encoding"],
                  "CONFLICT",
                  [
                    "PAYLOAD_TOO_LARGE",
                    `More than ${INGEST_LIMITS.maxEvents} events or ${INGEST_LIMITS.maxBytes} bytes`,
                  ],
                ),
              },
            },
          },
        ]),
      ),
    },
  };
}
