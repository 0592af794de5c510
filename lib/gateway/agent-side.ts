import { randomUUID } from "node:crypto";
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  ResultSchema,
  type ClientCapabilities,
  type CreateMessageRequest,
  type ElicitRequest,
  type RequestId,
  type Result,
  type Root,
} from "@modelcontextprotocol/sdk/types.js";
import { checkUrl } from "@/lib/policy/argument-rules";
import { serverAccessDenial } from "@/lib/policy/visibility";
import type { UpstreamConfig } from "./config";
import type { GatewayCore } from "./core";
import { callerFields, type GatewayEvent } from "./audit-event";
import type { CallerUser } from "./oauth/authenticate";
import { rpcError, upstreamError, WARDEN_DENIED } from "./rpc-error";
import type { AgentSide } from "./upstream";
import { agentSessionRoots } from "./upstream-roots";

/** The agent session a per-session upstream speaks for. */
export type AgentSession = {
  slug: string;
  config: UpstreamConfig;
  /** the agent's SDK server (made once the upstream answered): it carries the gateway's requests to the agent */
  server: () => Server;
  /** settles when the agent's session is initialized: only then may the gateway ask it anything */
  ready: Promise<void>;
  capabilities: ClientCapabilities;
  /** the agent's client id; throws when its credential was revoked */
  agent: () => string;
  sessionId: () => string | undefined;
  /** the agent's request the upstream is serving now (its stream carries what the server asks) */
  relatedRequest: () => RequestId | undefined;
  /** that request's user: what the server asks meanwhile is audited as theirs */
  relatedUser: () => CallerUser | undefined;
};

/** Refuses unless the agent may use the server now: a live bundle, an ACTIVE server, and a grant on it. */
function policyDenial(core: GatewayCore, s: AgentSession): [rule: string, reason: string] | null {
  const view = core.bundle.view();
  if (!view.ok) return ["bundle_unavailable", view.reason];
  const snap = view.bundle.snapshot;
  const agent = s.agent();
  const denial = serverAccessDenial(snap, agent, s.slug);
  if (denial) return [denial.rule, denial.reason];
  const id = snap.agents.get(agent)?.id ?? "";
  if (!snap.servers.get(s.slug)?.grants.get(id)?.length) return ["no_grant", `${agent} has no grant on ${s.slug}`];
  return null;
}

/**
 * What the gateway answers for an agent when its upstream session asks the client something: roots,
 * sampling and elicitation (MCP 2025-11-25, Client features). Each request is decided by policy,
 * carried to the agent on the stream of the call that caused it, and audited without its text.
 */
export function agentSide(core: GatewayCore, s: AgentSession): AgentSide {
  const audit = (method: string, started: number, patch: Partial<GatewayEvent>) => {
    let agent = "";
    try {
      agent = s.agent();
    } catch {
      agent = "(revoked)";
    }
    const event: GatewayEvent = {
      eventId: randomUUID(),
      timestamp: new Date().toISOString(),
      server: s.slug,
      ...callerFields({ agent, ...s.relatedUser(), sessionId: s.sessionId() }),
      method,
      outcome: "success",
      latencyMs: performance.now() - started,
      ...patch,
      attributes: { gatewayId: core.gatewayId, ...patch.attributes },
    };
    try {
      core.spool.done(event);
    } catch (error) {
      core.log("audit spool write failed for a server-to-client request", { level: "error", error });
      throw rpcError(WARDEN_DENIED, "audit_unavailable: the gateway cannot record this request, so it refuses it");
    }
  };

  /** Decides, forwards on the causing call's stream, and audits one request to the agent. */
  const forward = async (
    method: "sampling/createMessage" | "elicitation/create",
    params: Result,
    signal: AbortSignal,
    attributes: Record<string, unknown>,
    extraDenial: () => [string, string] | null,
  ): Promise<Result> => {
    const started = performance.now();
    const denial = policyDenial(core, s) ?? extraDenial();
    const bytes = Buffer.byteLength(JSON.stringify(params));
    if (denial) {
      audit(method, started, {
        outcome: "deny",
        bytes,
        errorType: denial[0],
        attributes: { rule: denial[0], ...attributes },
      });
      throw rpcError(WARDEN_DENIED, `${denial[0]}: ${denial[1]}`, { rule: denial[0], reasons: [denial[1]] });
    }
    try {
      const result = await s.server().request({ method, params } as never, ResultSchema.passthrough(), {
        relatedRequestId: s.relatedRequest(),
        signal,
      });
      const answer = result as { action?: string; model?: string; stopReason?: string };
      audit(method, started, {
        bytes,
        attributes: {
          ...attributes,
          ...(answer.action ? { action: answer.action } : {}),
          ...(answer.model ? { model: answer.model, stopReason: answer.stopReason } : {}),
          resultBytes: Buffer.byteLength(JSON.stringify(result)),
        },
      });
      return result;
    } catch (error) {
      const err = upstreamError(error);
      audit(method, started, {
        outcome: "error",
        bytes,
        errorType: signal.aborted ? "cancelled" : "agent_error",
        attributes,
      });
      throw err;
    }
  };

  return {
    capabilities: s.capabilities,
    // Roots › Listing Roots: the grant's path roots ∩ the agent's own; the agent's alone where the grant has none.
    roots: async () => {
      const view = core.bundle.view();
      if (!view.ok || policyDenial(core, s)) return [];
      const snap = view.bundle.snapshot;
      const declared = s.capabilities.roots ? await agentRoots(s) : null;
      return agentSessionRoots(snap, s.slug, snap.agents.get(s.agent())?.id ?? "", declared);
    },
    // Sampling: the size and model preferences are recorded, never the messages or the completion.
    sample: (params: CreateMessageRequest["params"], signal) =>
      forward(
        "sampling/createMessage",
        params,
        signal,
        {
          messages: params.messages.length,
          // (named so: ingest masks any key that says "token")
          completionLimit: params.maxTokens,
          includeContext: params.includeContext,
          modelPreferences: params.modelPreferences,
        },
        () => (s.config.sampling === "off" ? ["sampling_off", `${s.slug} may not ask agents for completions`] : null),
      ),
    // Elicitation › URL mode: a URL off the server's egress allow-list is refused before the user sees it.
    elicit: (params: ElicitRequest["params"], signal) => {
      const url = params.mode === "url" ? params.url : undefined;
      return forward(
        "elicitation/create",
        params,
        signal,
        { mode: params.mode ?? "form", ...(url ? { host: hostOf(url) } : {}) },
        () => (url === undefined ? null : egressDenial(core, s.slug, url)),
      );
    },
  };
}

/**
 * The roots the agent declares, asked once its session is initialized. Asked with no call in flight,
 * the request travels on the agent's GET stream, which its client opens just after initializing: a
 * request sent before it is lost, so it is asked again (three times, 2 s each). None when it never answers.
 */
async function agentRoots(s: AgentSession): Promise<Root[]> {
  const initialized = await Promise.race([
    s.ready.then(() => true),
    new Promise<boolean>((r) => setTimeout(() => r(false), 10_000).unref()),
  ]);
  for (let attempt = 0; initialized && attempt < 3; attempt++) {
    const roots = await s
      .server()
      .listRoots(undefined, { relatedRequestId: s.relatedRequest(), timeout: 2_000 })
      .then((r) => r.roots)
      .catch(() => null);
    if (roots) return roots;
  }
  return [];
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return "(not a URL)";
  }
};

/** A URL the server's url rules (its egress allow-list) do not allow; none when it has no such rule. */
function egressDenial(core: GatewayCore, slug: string, url: string): [string, string] | null {
  const rules = (core.bundle.view().bundle?.snapshot.servers.get(slug)?.argumentRules ?? []).filter(
    (r) => r.kind === "url",
  );
  for (const rule of rules) {
    const v = checkUrl(rule, url);
    if (v) return v;
  }
  return null;
}
