import { randomUUID } from "node:crypto";
import { parseWith } from "@/lib/schemas/parse";
import { decisionBatcher } from "./internal/decision-batcher";
import type { CallData } from "@/lib/audit/call-data";
import type { AuditInput } from "@/lib/audit/record-audit";
import { redact } from "@/lib/redaction/redact";
import { assertCan, auditActor, type Actor } from "@/lib/authz/actor";
import { connection, db } from "@/lib/db/client";
import { instanceId } from "@/lib/db/job-lease";
import { pgRateLimitStore } from "@/lib/db/pg-rate-limit-store";
import { env, sharedRateLimitStore } from "@/lib/env";
import { argumentsHash } from "@/lib/policy/arguments";
import { evaluate, type Evaluation } from "@/lib/policy/decide";
import { RateLimiter, type CallLimiter } from "@/lib/policy/rate-limiter";
import { redisRateLimitStore } from "@/lib/policy/redis-rate-limit-store";
import { SharedRateLimiter } from "@/lib/policy/shared-rate-limiter";
import { decideAfterFirstGrants } from "@/lib/policy/first-grant";
import { currentSnapshot } from "@/lib/policy/snapshot-cache";
import { ZDecisionInput, type DecisionResponse, type TDecisionInput } from "@/lib/schemas/decision";
import { userSourceOf } from "@/lib/schemas/user-source";
import { raiseFinding } from "@/lib/services/findings/shared/raise-finding";
import { requestToolApproval, type ApprovalOutcome } from "./internal/request-tool-approval";

const holder = globalThis as typeof globalThis & { __wardenRateLimiter?: CallLimiter };

/**
 * Rate limits shared with every other instance and gateway (WARDEN_SHARED_RATE_LIMITS, lib/env.ts): through
 * Redis when WARDEN_REDIS_URL is set, else through PostgreSQL when the console runs on it. With "off", or on
 * embedded PGlite (one process), this process's own memory counts exactly.
 */
function openLimiter(): CallLimiter {
  const store = sharedRateLimitStore(env(), connection().kind);
  if (store === "redis")
    return new SharedRateLimiter(redisRateLimitStore(env().WARDEN_REDIS_URL!), instanceId()).start();
  if (store === "postgres") return new SharedRateLimiter(pgRateLimitStore(), instanceId()).start();
  return new RateLimiter();
}
const limiter = () => (holder.__wardenRateLimiter ??= openLimiter());

/**
 * A gateway asks before a tool call. Fails closed: an engine error is a deny. Every decision is in the
 * audit chain (committed before the answer), with its inputs redacted, its reasons and policy version.
 */
export async function decideToolCall(actor: Actor, raw: TDecisionInput, now = new Date()): Promise<DecisionResponse> {
  assertCan(actor, "decisions.create");
  const input = parseWith(ZDecisionInput, raw, "decision request");
  const decisionId = randomUUID();
  const argsHash = argumentsHash(input.arguments);
  const userSource = userSourceOf(input.onBehalfOf, input.userSource);
  let e: Evaluation;
  try {
    e = await decideAfterFirstGrants(limiter(), async () => evaluate(await currentSnapshot(), input, now, limiter()));
  } catch (error) {
    console.error("Decision engine error", error);
    e = {
      outcome: "deny",
      rule: "engine_error",
      reasons: ["engine_error: the decision engine failed; failing closed"],
    };
  }
  const policyVersion = e.server?.policyVersion ?? null;
  const record = (decision: ApprovalOutcome["decision"] | "deny", approval?: ApprovalOutcome): AuditInput => ({
    actor: auditActor(actor),
    category: "DECISION",
    action: `decision.${decision}`,
    outcome: decision,
    occurredAt: now,
    target: e.server ? { type: "McpServer", id: e.server.id } : undefined,
    // The explorer filters on these columns: a decision is found by agent, server and person like a call.
    call: {
      server: input.server,
      tool: input.tool,
      agent: input.agent,
      onBehalfOf: input.onBehalfOf ?? null,
      userSource,
      sessionId: input.sessionId ?? null,
    },
    attributes: {
      decisionId,
      agent: input.agent,
      server: input.server,
      tool: input.tool,
      argsHash,
      arguments: redact(input.arguments, [...(e.server?.deniedFields ?? [])]),
      onBehalfOf: input.onBehalfOf,
      userSource,
      sessionId: input.sessionId,
      rule: e.rule,
      reasons: e.reasons,
      policyVersion,
      approvalId: approval?.approvalId,
    } satisfies CallData,
  });

  if (e.outcome === "approval") {
    try {
      const a = await requestToolApproval(
        e,
        { ...input, userSource, argsHash, decisionId },
        (o) => record(o.decision, o),
        now,
      );
      return {
        decision: a.decision,
        decisionId,
        policyVersion,
        approvalId: a.approvalId,
        reasons: a.decision === "allow" ? [`approval ${a.approvalId} consumed`] : e.reasons,
        ...(a.expiresAt ? { expiresAt: a.expiresAt.toISOString(), retryAfterSeconds: 5 } : {}),
      };
    } catch (error) {
      console.error("Approval lookup failed", error);
      e = {
        outcome: "deny",
        rule: "engine_error",
        reasons: ["engine_error: the approval check failed; failing closed"],
        server: e.server,
      };
    }
  }
  if (e.outcome === "deny" && e.finding) {
    const f = e.finding;
    await raiseFinding(
      db(),
      {
        type: f.type,
        severity: "HIGH",
        entityType: f.type === "shadow_server" ? "McpServer" : "Agent",
        entityKey: f.key,
        title: f.title,
        evidence: { lastCall: { agent: input.agent, server: input.server, tool: input.tool, decisionId } },
      },
      now,
    );
  }
  const outcome = e.outcome === "allow" ? "allow" : "deny";
  await decisionBatcher.appendAudited(record(outcome), { at: now, server: input.server, outcome, rule: e.rule });
  return {
    decision: outcome,
    reasons: e.reasons,
    decisionId,
    policyVersion,
    ...(e.outcome === "deny" && e.retryAfterSeconds ? { retryAfterSeconds: e.retryAfterSeconds } : {}),
  };
}
