import { z } from "zod";
import { ZDecisionInput } from "@/lib/schemas/decision";
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
