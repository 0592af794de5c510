import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { redact } from "@/lib/redaction/redact";
import { secretMatchesAny } from "@/lib/crypto/prefixed-secret";
import { AppError, type ErrorBody } from "@/lib/errors";
import { bodyAppError } from "@/lib/http/body-app-error";
import { bodyRefusalHeaders, readIncomingBody } from "@/lib/http/read-body";
import { argumentsHash } from "@/lib/policy/arguments";
import { decideAfterFirstGrants } from "@/lib/policy/first-grant";
import { ZDecisionInput, type DecisionResponse, type TDecisionInput } from "@/lib/schemas/decision";
import { parseWith } from "@/lib/schemas/parse";
import { isJsonMediaType, mediaTypeOf, parseJsonBody, utf8Body } from "@/lib/schemas/json-body";
import { boundedArguments, callerFields, type GatewayEvent } from "./audit-event";
import type { GatewayCore } from "./core";
import { decideCall } from "./decide-call";

const MAX_BODY_BYTES = 1024 * 1024;

/** A caller's bearer token, checked against the configured hashes in constant time. */
function authenticate(core: GatewayCore, authorization: string | undefined) {
  if (core.config.decide_tokens_sha256.length === 0)
    throw new AppError(
      "NOT_FOUND",
      "The decision endpoint is off: list its callers' token hashes in decide_tokens_sha256",
    );
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!token) throw new AppError("UNAUTHORIZED", "Missing bearer token");
  if (!secretMatchesAny(token, core.config.decide_tokens_sha256))
    throw new AppError("UNAUTHORIZED", "Invalid, expired or revoked token");
}

async function readDecisionInput(req: IncomingMessage) {
  if (!isJsonMediaType(mediaTypeOf(req.headers["content-type"])))
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json");
  const bytes = await readIncomingBody(req, { maxBytes: MAX_BODY_BYTES }).catch((error: unknown) => {
    throw bodyAppError(error);
  });
  const json = parseJsonBody(utf8Body(bytes));
  return parseWith(ZDecisionInput, json, "request body");
}

/**
 * The decision itself, as Warden's `/api/v1/decisions` answers it: allow and deny from the bundle,
 * in-process, each one spooled for Warden's audit log before the answer (no record, no allow); a
 * call that needs a human goes to Warden, which binds the approval to the exact call.
 */
async function decide(core: GatewayCore, input: ReturnType<typeof ZDecisionInput.parse>): Promise<DecisionResponse> {
  const started = performance.now();
  const now = new Date();
  const e = await decideAfterFirstGrants(core.limiter, () => decideCall(core.bundle.view(), input, now, core.limiter));
  core.metrics.decided("sidecar", e.outcome, e.rule, (performance.now() - started) / 1000);
  const policyVersion = e.server?.policyVersion ?? null;
  if (e.outcome === "approval") {
    try {
      return await core.warden.decide(input as TDecisionInput);
    } catch (error) {
      core.log("approval request to Warden failed", { level: "warn", error });
      return {
        decision: "deny",
        reasons: ["approval_unavailable: Warden could not be asked for an approval; failing closed"],
        decisionId: randomUUID(),
        policyVersion,
      };
    }
  }
  const decisionId = randomUUID();
  const deniedFields = e.server
    ? [...e.server.deniedFields, ...(e.outcome === "allow" ? e.grant.deniedFields : [])]
    : [];
  const event: GatewayEvent = {
    eventId: decisionId,
    timestamp: now.toISOString(),
    server: input.server,
    tool: input.tool,
    ...callerFields(input),
    method: "decision",
    arguments: boundedArguments(redact(input.arguments, deniedFields)),
    outcome: e.outcome,
    latencyMs: performance.now() - started,
    ...(e.outcome === "deny" ? { errorType: e.rule } : {}),
    decisionId,
    rule: e.rule,
    reason: e.reasons[0],
    attributes: {
      gatewayId: core.gatewayId,
      source: "sidecar",
      argsHash: argumentsHash(input.arguments),
      rule: e.rule,
      reasons: e.reasons,
      policyVersion,
    },
  };
  try {
    core.spool.done(event);
  } catch (error) {
    core.log("audit spool write failed for a sidecar decision", { level: "error", error });
    // What the caller is told is what the record says, once the disk takes it again.
    if (e.outcome !== "deny")
      try {
        core.spool.done({ ...event, outcome: "deny", errorType: "audit_unavailable", rule: "audit_unavailable" });
      } catch {
        // kept in memory by the spool until the disk recovers
      }
    return {
      decision: "deny",
      reasons: ["audit_unavailable: the gateway cannot record this decision, so it denies it"],
      decisionId,
      policyVersion,
    };
  }
  return {
    decision: e.outcome,
    reasons: e.reasons,
    decisionId,
    policyVersion,
    ...(e.outcome === "deny" && e.retryAfterSeconds ? { retryAfterSeconds: e.retryAfterSeconds } : {}),
  };
}

/**
 * `POST /v1/decide`: a local policy decision point for third-party gateways (Kong, Envoy,
 * agentgateway). Same body, same answers and the same error bodies as Warden's decision API; callers
 * present a bearer token whose sha256 is in `decide_tokens_sha256`.
 */
export async function handleDecide(core: GatewayCore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let status = 200;
  let body: DecisionResponse | ErrorBody;
  let headers: Record<string, string> = { "content-type": "application/json", "cache-control": "no-store" };
  try {
    if (req.method !== "POST") throw new AppError("METHOD_NOT_ALLOWED", "Use POST /v1/decide");
    authenticate(core, req.headers.authorization);
    body = await decide(core, await readDecisionInput(req));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    status = error.status;
    body = { error: { code: error.code, message: error.message, fields: error.fields } };
    if (error.code === "PAYLOAD_TOO_LARGE") headers = { ...headers, ...bodyRefusalHeaders };
  }
  res.writeHead(status, headers).end(JSON.stringify(body));
}
