import { randomUUID } from "node:crypto";
import {
  CallToolResultSchema,
  type CallToolRequest,
  type CallToolResult,
  type Progress,
} from "@modelcontextprotocol/sdk/types.js";
import { redact } from "@/lib/redaction/redact";
import type { Evaluation } from "@/lib/policy/decide";
import { decideAfterFirstGrants } from "@/lib/policy/first-grant";
import { inForce } from "@/lib/policy/grant-entitlement";
import { scopeOf } from "@/lib/policy/resource-scope";
import { awaitApproval } from "./approval-flow";
import { boundedArguments, callerFields, type GatewayEvent } from "./audit-event";
import type { GatewayCore } from "./core";
import { guardPaths } from "./path-guard";
import { decideAgain, decideCall, UNHASHABLE } from "./decide-call";
import { controlResponse } from "./response-controls";
import { withheldAttribute, withholdUngrantedResources } from "./embedded-resources";
import { rpcError, upstreamError, WARDEN_APPROVAL_PENDING, WARDEN_DENIED, WARDEN_UNAVAILABLE } from "./rpc-error";
import type { Upstream } from "./upstream";
import type { CallerUser } from "./oauth/authenticate";
import { narrowByScopes } from "./oauth/scopes";
import { upstreamAuthorization, withUpstreamCredential } from "./oauth/upstream-credential";

export type CallerContext = Partial<CallerUser> & {
  agent: string;
  sessionId?: string;
  requestId?: string | number;
  signal: AbortSignal;
  onprogress?: (p: Progress) => void;
};

// Long tools report progress; each report restarts the clock.
const UPSTREAM_TIMEOUT_MS = 300_000;

/** One log line a call: who, what, the outcome and rule, how long; never arguments or results. */
function logCall(core: GatewayCore, e: GatewayEvent) {
  const a = e.attributes as { rule?: string; approvalId?: string };
  core.log("tools/call", {
    level: e.outcome === "error" ? "warn" : "info",
    agent: e.agent,
    server: e.server,
    tool: e.tool,
    outcome: e.outcome,
    rule: a.rule,
    approvalId: a.approvalId,
    latencyMs: Math.round((e.latencyMs ?? 0) * 100) / 100,
    eventId: e.eventId,
  });
}

/**
 * One `tools/call` through the gateway: decide in-process, ask a human when the policy says so,
 * write the audit record before anything reaches the upstream (refusing the call if it cannot be
 * written), forward, and complete the record. Denials never reach the upstream.
 */
export async function callTool(
  core: GatewayCore,
  upstream: Upstream,
  params: CallToolRequest["params"],
  caller: CallerContext,
): Promise<CallToolResult> {
  const started = performance.now();
  const now = new Date();
  const args = params.arguments ?? {};
  const live = upstream.tools.get(params.name);
  const input = {
    agent: caller.agent,
    server: upstream.slug,
    tool: params.name,
    arguments: args,
    toolHash: live?.hash ?? UNHASHABLE,
    // A per-user limit counts the user the gateway verified or the agent asserted (none: their own counter).
    onBehalfOf: caller.onBehalfOf,
  };
  // Fingerprinted just before the check that lets the call through, compared once the server answered.
  const bases = upstream.relativeBases();
  let guard = upstream.local ? guardPaths(core.bundle.view(), input, bases) : null;
  const e: Evaluation = live
    ? narrowByScopes(
        await decideAfterFirstGrants(core.limiter, () =>
          decideCall(core.bundle.view(), input, now, core.limiter, upstream.local, bases),
        ),
        caller.scopes,
        upstream.slug,
        params.name,
      )
    : {
        outcome: "deny",
        rule: "tool_not_offered",
        reasons: [`tool_not_offered: ${upstream.slug} does not offer ${params.name}`],
      };
  core.metrics.decided("call", e.outcome, e.rule, (performance.now() - started) / 1000);
  const deniedFields = e.server
    ? [...e.server.deniedFields, ...(e.outcome !== "deny" ? e.grant.deniedFields : [])]
    : [];
  const event: GatewayEvent = {
    eventId: randomUUID(),
    timestamp: now.toISOString(),
    server: upstream.slug,
    tool: params.name,
    ...callerFields(caller),
    method: "tools/call",
    arguments: boundedArguments(redact(args, deniedFields)),
    outcome: "success",
    requestId: caller.requestId,
    attributes: {
      gatewayId: core.gatewayId,
      rule: e.rule,
      reasons: e.reasons,
      policyVersion: e.server?.policyVersion ?? null,
    },
  };
  const refuse = (
    code: number,
    rule: string,
    reasons: string[],
    outcome: GatewayEvent["outcome"],
    approvalId?: string,
    retryAfterSeconds?: number,
  ) => {
    const final = {
      ...event,
      outcome,
      latencyMs: performance.now() - started,
      errorType: rule,
      attributes: { ...event.attributes, rule, reasons, approvalId },
    };
    try {
      core.spool.done(final);
    } catch (error) {
      core.log("audit spool write failed for a refused call", { level: "error", error });
    }
    logCall(core, final);
    return rpcError(code, reasons[0] ?? rule, {
      rule,
      reasons,
      ...(approvalId ? { approvalId } : {}),
      ...(retryAfterSeconds ? { retryAfterSeconds } : {}),
    });
  };

  if (e.outcome === "deny") throw refuse(WARDEN_DENIED, e.rule, e.reasons, "deny", undefined, e.retryAfterSeconds);
  if (e.outcome === "approval") {
    const a = await awaitApproval(
      core,
      {
        ...callerFields(caller),
        server: upstream.slug,
        tool: params.name,
        arguments: args,
        toolHash: live?.hash ?? undefined,
      },
      caller.signal,
    );
    if (!a.ok)
      throw refuse(
        a.pending ? WARDEN_APPROVAL_PENDING : WARDEN_DENIED,
        a.rule,
        a.reasons,
        a.pending ? "pending" : "deny",
        a.approvalId,
      );
    // The wait may have been long: decide again on what holds now (a symlink planted, a grant revoked).
    guard = upstream.local ? guardPaths(core.bundle.view(), input, upstream.relativeBases()) : null;
    const again = decideAgain(core.bundle.view(), input, upstream.local, upstream.relativeBases());
    if (again.outcome === "deny") throw refuse(WARDEN_DENIED, again.rule, again.reasons, "deny", a.approvalId);
    event.attributes = { ...event.attributes, rule: "approved", approvalId: a.approvalId };
  }
  let authorization: string | undefined;
  try {
    authorization = await upstreamAuthorization(
      core.config,
      core.config.upstreams[upstream.slug],
      upstream.slug,
      caller,
    );
  } catch (error) {
    const reason = `upstream_auth_failed: ${error instanceof Error ? error.message : error}`;
    throw refuse(WARDEN_DENIED, "upstream_auth_failed", [reason], "deny");
  }
  if (!upstream.client || !upstream.connected)
    throw refuse(
      WARDEN_UNAVAILABLE,
      "upstream_unavailable",
      [`upstream_unavailable: ${upstream.slug} is not connected`],
      "error",
    );
  try {
    core.spool.begin(event);
  } catch (error) {
    throw rpcError(WARDEN_UNAVAILABLE, "audit_unavailable: the gateway cannot record this call, so it refuses it", {
      rule: "audit_unavailable",
      reasons: [`audit_unavailable: ${error instanceof Error ? error.message : error}`],
    });
  }
  const finish = (patch: Partial<GatewayEvent>) => {
    const final = { ...event, ...patch, latencyMs: performance.now() - started };
    try {
      core.spool.done(final);
    } catch (error) {
      // The begin line is on disk: Warden still hears of the call, as interrupted.
      core.log("audit spool write failed after a call", { level: "error", error });
    }
    logCall(core, final);
  };
  let result: CallToolResult;
  try {
    const client = upstream.client;
    result = (await withUpstreamCredential(authorization, () =>
      client.request({ method: "tools/call", params }, CallToolResultSchema, {
        signal: caller.signal,
        onprogress: caller.onprogress,
        timeout: UPSTREAM_TIMEOUT_MS,
        resetTimeoutOnProgress: true,
      }),
    )) as CallToolResult;
  } catch (error) {
    const err = upstreamError(error);
    finish({
      outcome: "error",
      errorType: caller.signal.aborted ? "cancelled" : `upstream_error`,
      responseSummary: err.message.slice(0, 500),
    });
    throw err;
  }
  if (guard?.changed()) {
    finish({ outcome: "error", errorType: "path_changed" });
    throw rpcError(WARDEN_DENIED, "path_changed: a path of this call changed while it ran; the result is withheld", {
      rule: "path_changed",
    });
  }
  // Only a granted call reaches here: its grant and server say what the result may carry.
  const caps = [e.grant.maxRecords, e.server.maxRecordsPerCall].filter((n): n is number => n !== null);
  let controlled: ReturnType<typeof controlResponse>;
  let withheld: string[];
  try {
    // Read only for a result that carries a resource: most do not, and this is every call's path.
    const patterns = () =>
      scopeOf((e.server.grants.get(e.agent.id) ?? []).filter((g) => inForce(g, new Date()))).resources;
    const scoped = withholdUngrantedResources(result, patterns);
    withheld = scoped.withheld;
    controlled = controlResponse(scoped.result, { deniedFields, maxRecords: caps.length ? Math.min(...caps) : null });
  } catch (error) {
    // What cannot be masked does not reach the agent.
    finish({ outcome: "error", errorType: "response_controls_failed" });
    core.log("response controls failed; the result is withheld", { level: "error", error });
    throw rpcError(WARDEN_UNAVAILABLE, "response_controls_failed: the gateway could not check this result", {
      rule: "response_controls_failed",
    });
  }
  const { fieldsMasked, valuesRedacted, recordsCut, ...summary } = controlled.summary;
  finish({
    outcome: result.isError ? "error" : "success",
    ...summary,
    ...(result.isError ? { errorType: "tool_error" } : {}),
    attributes: {
      ...event.attributes,
      response: { fieldsMasked, valuesRedacted, recordsCut, resourcesWithheld: withheld.length },
      ...(withheld.length ? { resourcesWithheld: withheldAttribute(withheld) } : {}),
    },
  });
  return controlled.result;
}
