import { randomUUID } from "node:crypto";
import {
  promptCovered,
  resourceCovered,
  resourceCoverage,
  templateCoverage,
  templateCovered,
  type Coverage,
  type ResourceScope,
} from "@/lib/policy/resource-scope";
import { callerFields } from "./audit-event";
import type { CallerContext } from "./call-path";
import type { GatewayCore } from "./core";
import { rpcError, WARDEN_DENIED } from "./rpc-error";
import type { Upstream } from "./upstream";

export type ScopeDenial = { rule: string; reason: string };

type Params = Record<string, unknown> | undefined;
const str = (v: unknown) => (typeof v === "string" ? v : "");
const bounded = (v: string) => v.slice(0, 2000);

function uriDenial(agent: string, slug: string, uri: string, { problem, covered }: Coverage): ScopeDenial | null {
  if (problem)
    return {
      rule: "invalid_resource_uri",
      reason: `invalid_resource_uri: the resource URI ${problem}`,
    };
  if (covered) return null;
  return {
    rule: "resource_not_granted",
    reason: `resource_not_granted: no grant of ${agent} on ${slug} covers ${bounded(uri)}`,
  };
}

function promptDenial(agent: string, slug: string, scope: ResourceScope, name: string): ScopeDenial | null {
  if (promptCovered(scope.prompts, name)) return null;
  return {
    rule: "prompt_not_granted",
    reason: `prompt_not_granted: no grant of ${agent} on ${slug} covers the prompt ${name.slice(0, 200)}`,
  };
}

/**
 * Whether a request for one resource, prompt or completion stays within the resources and prompts the
 * agent's grants name; null when it does. `resources/read`, `resources/subscribe` and `resources/unsubscribe`
 * name a URI (Server features › Resources), `prompts/get` a prompt (Server features › Prompts), and
 * `completion/complete` a `ref/prompt` by name or a `ref/resource` by URI or URI template (Server utilities ›
 * Completion): https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/completion
 */
export function grantScopeDenial(
  method: string,
  params: Params,
  scope: ResourceScope,
  agent: string,
  slug: string,
): ScopeDenial | null {
  switch (method) {
    case "resources/read":
    case "resources/subscribe":
    case "resources/unsubscribe": {
      const uri = str(params?.uri);
      return uriDenial(agent, slug, uri, resourceCoverage(scope.resources, uri));
    }
    case "prompts/get":
      return promptDenial(agent, slug, scope, str(params?.name));
    case "completion/complete": {
      const ref = (params?.ref ?? {}) as Record<string, unknown>;
      if (ref.type === "ref/prompt") return promptDenial(agent, slug, scope, str(ref.name));
      if (ref.type === "ref/resource") {
        const uri = str(ref.uri);
        return uriDenial(agent, slug, uri, templateCoverage(scope.resources, uri));
      }
      return {
        rule: "resource_not_granted",
        reason: `resource_not_granted: a completion for ${str(ref.type).slice(0, 64) || "no reference"} is not one Warden can check`,
      };
    }
    default:
      return null;
  }
}

/** What a list answer keeps for this agent: the page as the upstream sent it (its nextCursor too), minus what no grant covers. */
export function filterListed(method: string, result: Record<string, unknown>, scope: ResourceScope) {
  const keep = <T>(key: string, covered: (item: T) => boolean) =>
    Array.isArray(result[key]) ? { ...result, [key]: (result[key] as T[]).filter(covered) } : { ...result, [key]: [] };
  switch (method) {
    case "resources/list":
      return keep<{ uri?: unknown }>("resources", (r) => resourceCovered(scope.resources, str(r.uri)));
    case "resources/templates/list":
      return keep<{ uriTemplate?: unknown }>("resourceTemplates", (t) =>
        templateCovered(scope.resources, str(t.uriTemplate)),
      );
    case "prompts/list":
      return keep<{ name?: unknown }>("prompts", (p) => promptCovered(scope.prompts, str(p.name)));
    default:
      return result;
  }
}

/** What a request names, for its audit record: the resource URI or the prompt, never arguments. */
function subjectOf(params: Params): Record<string, string> {
  const ref = (params?.ref ?? {}) as Record<string, unknown>;
  const uri = str(params?.uri) || str(ref.uri);
  const prompt = str(params?.name) || str(ref.name);
  return { ...(uri ? { uri: bounded(uri) } : {}), ...(prompt ? { prompt: prompt.slice(0, 200) } : {}) };
}

/**
 * A refused resource, prompt or completion request: recorded as a denial on the same audit path as a
 * refused tool call (the spool, with its rule and reason), then answered with a JSON-RPC error.
 */
export function refuseOutOfScope(
  core: GatewayCore,
  upstream: Upstream,
  method: string,
  params: Params,
  caller: Omit<CallerContext, "signal">,
  denial: ScopeDenial,
): Error {
  core.metrics.decided("call", "deny", denial.rule, 0);
  try {
    core.spool.done({
      eventId: randomUUID(),
      timestamp: new Date().toISOString(),
      server: upstream.slug,
      ...callerFields(caller),
      requestId: caller.requestId,
      method,
      outcome: "deny",
      errorType: denial.rule,
      latencyMs: 0,
      attributes: {
        gatewayId: core.gatewayId,
        rule: denial.rule,
        reasons: [denial.reason],
        ...subjectOf(params),
      },
    });
  } catch (error) {
    core.log("audit spool write failed for a refused request", { level: "error", error });
  }
  core.log(method, { level: "info", agent: caller.agent, server: upstream.slug, outcome: "deny", rule: denial.rule });
  return rpcError(WARDEN_DENIED, denial.reason, { rule: denial.rule, reasons: [denial.reason] });
}
