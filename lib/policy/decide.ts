import type { Operation } from "@/lib/schemas/grant";
import {
  callTargets,
  deniedFieldIn,
  operationAllowed,
  operationOf,
  requestedCount,
  toolMatches,
  type CallTargets,
} from "./arguments";
import { argumentRuleViolation, type RuleContext } from "./argument-rules";
import { inForce } from "./grant-entitlement";
import { sha256Hex } from "@/lib/crypto/sha256";
import type { CallLimiter } from "./rate-limiter";
import type { AgentSnap, GrantSnap, RuleList, ServerSnap, Snapshot, ToolSnap } from "./snapshot";

export type EngineInput = {
  agent: string;
  server: string;
  tool: string;
  arguments: Record<string, unknown>;
  toolHash?: string;
  /** the user the call is made for (verified or asserted); none when the gateway knows of no user */
  onBehalfOf?: string;
};

export type FindingHint = { type: "unknown_agent" | "shadow_server"; key: string; title: string };

export type Evaluation =
  | {
      outcome: "deny";
      rule: string;
      reasons: string[];
      server?: ServerSnap;
      agent?: AgentSnap;
      finding?: FindingHint;
      retryAfterSeconds?: number;
    }
  | {
      outcome: "allow" | "approval";
      rule: string;
      reasons: string[];
      server: ServerSnap;
      agent: AgentSnap;
      tool: ToolSnap;
      grant: GrantSnap;
    };

/** An evaluation that found a covering grant: an allow, or a call that needs approval. */
export type Granted = Extract<Evaluation, { grant: GrantSnap }>;

const deny = (
  rule: string,
  reason: string,
  extra: Partial<Extract<Evaluation, { outcome: "deny" }>> = {},
): Evaluation => ({ outcome: "deny", rule, reasons: [`${rule}: ${reason}`], ...extra });

const READS = new Set<Operation>(["read", "query"]);

/**
 * Why a grant does not cover these arguments, or null when it does. A grant is always narrowed by its
 * server's policy: both lists of objects and operations must allow the call, the lower record cap
 * applies and both sets of denied fields. When a limit applies and the arguments cannot be checked
 * against it (no object named, no record count on a read, a query no parser accepts, every field
 * asked for), the call is denied: what cannot be checked is not allowed.
 */
function limitViolation(
  grant: GrantSnap,
  server: ServerSnap,
  tool: ToolSnap,
  args: Record<string, unknown>,
  targets: () => CallTargets,
  ctx: RuleContext,
): [string, string] | null {
  const ruled = rulesViolation(grant.argumentRules, "grant", tool, args, ctx);
  if (ruled) return ruled;
  const objectLists = [grant.allowedObjects, server.allowedObjects].filter((l) => l.length > 0);
  const denied = [...grant.deniedFields, ...server.deniedFields];
  const caps = [grant.maxRecords, server.maxRecordsPerCall].filter((n): n is number => n !== null);
  const op = operationOf(tool);
  const capped = caps.length > 0 && READS.has(op);
  const limited = objectLists.length > 0 || denied.length > 0 || capped;
  const t = targets();
  if (limited && t.unparsable.length)
    return ["arguments_unverifiable", `a query in the arguments could not be parsed, so its limits cannot be checked`];
  const ops = [op, ...t.queries.flatMap((q) => q.operations)];
  for (const o of ops) {
    if (!operationAllowed(o, grant.allowedOperations))
      return ["operation_not_allowed", `${o} is not an allowed operation (${grant.allowedOperations.join(", ")})`];
    if (server.allowedOperations.length && !operationAllowed(o, server.allowedOperations))
      return [
        "operation_not_allowed",
        `${o} is not an allowed operation of ${server.slug} (${server.allowedOperations.join(", ")})`,
      ];
  }
  if (objectLists.length) {
    if (!t.objects)
      return [
        "arguments_unverifiable",
        `objects are limited (${objectLists[0].join(", ")}) and the arguments do not say which object ${tool.name} touches`,
      ];
    const outside = t.objects.find((o) => objectLists.some((l) => !l.includes(o)));
    if (outside) {
      const allowed = objectLists.reduce((a, l) => a.filter((o) => l.includes(o)));
      return ["object_not_allowed", `object ${outside} is not in allowed objects (${allowed.join(", ") || "none"})`];
    }
  }
  if (denied.length) {
    const field = deniedFieldIn(args, denied, t);
    if (field) return ["denied_field", `the arguments name the denied field ${field}`];
    if (t.queries.some((q) => q.allFields))
      return ["arguments_unverifiable", `the query asks for every field, and ${denied.join(", ")} are denied`];
  }
  if (caps.length) {
    const cap = Math.min(...caps);
    const count = t.count ?? (READS.has(op) ? undefined : requestedCount(args));
    if (count !== undefined && count > cap) return ["record_limit", `asks for ${count} records, the limit is ${cap}`];
    if (capped && count === undefined)
      return ["arguments_unverifiable", `records are limited to ${cap} a call and the arguments set no limit`];
  }
  return null;
}

function rulesViolation(
  rules: RuleList | undefined,
  owner: string,
  tool: ToolSnap,
  args: Record<string, unknown>,
  ctx: RuleContext,
): [string, string] | null {
  if (rules === null) return ["arguments_unverifiable", `the ${owner}'s argument rules could not be read`];
  return rules?.length ? argumentRuleViolation(rules, tool, args, ctx) : null;
}

/**
 * The counter a per-user limit keys a user by, per agent: a digest of the address as lower case (no address
 * reaches the shared store). Calls with no known user share one counter of their own per agent.
 */
export const userLimitKey = (agentId: string, user: string | undefined) =>
  `user:${agentId}:${user ? sha256Hex(user.trim().toLowerCase()).slice(0, 32) : "-"}`;

/** The agent's daily call budget counter (a calendar day, UTC). */
export const budgetKey = (agentId: string) => `budget:${agentId}`;

/**
 * The agent's own limits, after its server's: calls a minute per user it acts for, then calls a UTC day. A call
 * refused by the per-user limit is not counted against the day's budget; one refused by the budget has taken
 * its per-user (and server) token.
 */
function agentLimitViolation(
  agent: AgentSnap,
  user: string | undefined,
  limiter: CallLimiter,
  now: Date,
): { rule: string; reason: string; retryAfterSeconds: number } | null {
  if (agent.userRateLimitPerMinute) {
    const taken = limiter.take(userLimitKey(agent.id, user), agent.userRateLimitPerMinute, now.getTime());
    if (!taken.ok)
      return {
        rule: "user_rate_limited",
        reason:
          taken.reason ??
          `${user ? "this user has" : "calls with no user have"} made more than ${agent.userRateLimitPerMinute} calls a minute through ${agent.clientId}; retry in ${taken.retryAfterSeconds} s`,
        retryAfterSeconds: taken.retryAfterSeconds,
      };
  }
  if (agent.dailyCallBudget) {
    const taken = limiter.take(budgetKey(agent.id), agent.dailyCallBudget, now.getTime(), "day");
    if (!taken.ok)
      return {
        rule: "daily_budget_exhausted",
        reason:
          taken.reason ??
          `${agent.clientId} has used its budget of ${agent.dailyCallBudget} calls today (UTC); retry in ${taken.retryAfterSeconds} s`,
        retryAfterSeconds: taken.retryAfterSeconds,
      };
  }
  return null;
}

/**
 * The decision engine: every rule that can deny runs first, and anything it does not recognise is a
 * deny. Pure over the snapshot, so it is fast and testable; the caller records the outcome.
 */
export function evaluate(
  snap: Snapshot & { paused: boolean },
  input: EngineInput,
  now: Date,
  limiter: CallLimiter,
  ctx: RuleContext = {},
): Evaluation {
  if (snap.paused) return deny("org_paused", "all MCP access is paused");
  const agent = snap.agents.get(input.agent);
  if (!agent)
    return deny("unknown_agent", `agent ${input.agent} is not registered`, {
      finding: { type: "unknown_agent", key: input.agent, title: `Unknown agent ${input.agent}` },
    });
  if (agent.status !== "ACTIVE") return deny("agent_suspended", `agent ${input.agent} is suspended`, { agent });
  const server = snap.servers.get(input.server);
  if (!server)
    return deny("unknown_server", `server ${input.server} is not registered`, {
      agent,
      finding: { type: "shadow_server", key: input.server, title: `Unregistered MCP server ${input.server}` },
    });
  if (server.status !== "ACTIVE")
    return deny("server_not_active", `server ${input.server} is ${server.status}`, { agent, server });
  const tool = server.tools.get(input.tool);
  if (!tool)
    return deny("unknown_tool", `tool ${input.tool} is not in the reviewed inventory of ${server.slug}`, {
      agent,
      server,
    });
  if (tool.suspended) return deny("tool_suspended", `tool ${tool.name} is suspended`, { agent, server });
  if (!tool.enabled) return deny("tool_disabled", `tool ${tool.name} is disabled`, { agent, server });
  if (tool.status !== "APPROVED")
    return deny("tool_not_reviewed", `tool ${tool.name} has an unreviewed definition`, { agent, server });
  if (input.toolHash && input.toolHash !== tool.approvedHash)
    return deny("tool_definition_changed", `the gateway sees a definition of ${tool.name} that was never approved`, {
      agent,
      server,
    });

  const grants = (server.grants.get(agent.id) ?? []).filter((g) =>
    g.allowedTools.some((p) => toolMatches(p, tool.name)),
  );
  const current = grants.filter((g) => inForce(g, now));
  if (current.length === 0) {
    const why = grants.length ? "the grant that covers it has expired or not started" : "no active grant covers it";
    return deny("no_grant", `${input.agent} may not call ${tool.name} on ${server.slug}: ${why}`, { agent, server });
  }
  const serverRule = rulesViolation(server.argumentRules, "server", tool, input.arguments, ctx);
  if (serverRule) return deny(serverRule[0], serverRule[1], { agent, server });
  // Read (and any query parsed) once per call, whichever grants are tried.
  let targets: CallTargets | undefined;
  const readTargets = () => (targets ??= callTargets(input.arguments, tool.argumentMap));
  let firstViolation: [string, string] | null = null;
  const grant = current.find((g) => {
    const v = limitViolation(g, server, tool, input.arguments, readTargets, ctx);
    firstViolation ??= v;
    return v === null;
  });
  if (!grant) return deny(firstViolation![0], firstViolation![1], { agent, server });

  if (server.rateLimitPerMinute) {
    const taken = limiter.take(`${agent.id}:${server.id}`, server.rateLimitPerMinute, now.getTime());
    if (!taken.ok)
      return deny(
        "rate_limited",
        taken.reason ?? `more than ${server.rateLimitPerMinute} calls a minute; retry in ${taken.retryAfterSeconds} s`,
        { agent, server, retryAfterSeconds: taken.retryAfterSeconds },
      );
  }
  const limited = agentLimitViolation(agent, input.onBehalfOf, limiter, now);
  if (limited)
    return deny(limited.rule, limited.reason, { agent, server, retryAfterSeconds: limited.retryAfterSeconds });
  const highRisk = tool.risk === "HIGH" || tool.risk === "CRITICAL";
  if (tool.requiresApproval || (highRisk && server.highRiskApproval)) {
    return {
      outcome: "approval",
      rule: "approval_required",
      reasons: [`approval_required: ${tool.name} is ${tool.risk} risk and needs a human approval`],
      server,
      agent,
      tool,
      grant,
    };
  }
  return {
    outcome: "allow",
    rule: "grant",
    reasons: [`grant ${grant.id} allows ${tool.name}`],
    server,
    agent,
    tool,
    grant,
  };
}
