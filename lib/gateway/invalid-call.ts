import { randomUUID } from "node:crypto";
import { ErrorCode } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { redact } from "@/lib/redaction/redact";
import { boundedArguments, callerFields, type GatewayEvent } from "./audit-event";
import type { CallerContext } from "./call-path";
import type { GatewayCore } from "./core";
import { rpcError } from "./rpc-error";
import type { Upstream } from "./upstream";

/** Any `tools/call`, whatever its params: a malformed one is refused and recorded by the gateway, not dropped unseen. */
export const ZAnyToolsCall = z.object({ method: z.literal("tools/call"), params: z.unknown().optional() });

/**
 * A `tools/call` whose params are not a call (a name that is not text, arguments that are not an
 * object, no params): nothing reaches the upstream, the agent gets InvalidParams (JSON-RPC 2.0 §5.1,
 * -32602), and the audit log gets a denial with what was sent, made storable like every event.
 */
export function refuseInvalidCall(
  core: GatewayCore,
  upstream: Upstream,
  params: unknown,
  caller: Pick<CallerContext, "agent" | "onBehalfOf" | "userSource" | "sessionId" | "requestId">,
  problem: z.ZodError,
): Error {
  const p = (params !== null && typeof params === "object" ? params : { params }) as Record<string, unknown>;
  const message = `Invalid tools/call request: ${problem.issues.map((i) => `${i.path.join(".") || "params"}: ${i.message}`).join("; ")}`;
  const event = {
    eventId: randomUUID(),
    timestamp: new Date().toISOString(),
    server: upstream.slug,
    // Not text: the spool keeps it as JSON text and says so (lib/ingest/storable-event.ts).
    tool: p.name as string | undefined,
    ...callerFields(caller),
    method: "tools/call",
    arguments: boundedArguments(redact(p.arguments ?? null)),
    outcome: "deny",
    errorType: "invalid_request",
    requestId: caller.requestId,
    attributes: { gatewayId: core.gatewayId, rule: "invalid_request", reasons: [message] },
  } satisfies GatewayEvent;
  core.metrics.decided("call", "deny", "invalid_request", 0);
  try {
    core.spool.done(event);
  } catch (error) {
    core.log("audit spool write failed for a malformed call", { level: "error", error });
  }
  return rpcError(ErrorCode.InvalidParams, message, { rule: "invalid_request", reasons: [message] });
}
