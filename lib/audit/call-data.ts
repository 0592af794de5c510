/**
 * The data of a call's record: Warden's own decisions (`decision.allow` …) and ingested calls (an MCP
 * method, or a gateway's `decision.*`). Both writers check their attributes against it, and the audit
 * explorer's drawer reads them back through it. Every field is optional: the two writers fill different ones.
 */
export type CallData = {
  decisionId?: string;
  approvalId?: string;
  /** the rule that decided, and why, as the decision engine or the gateway gave them */
  rule?: string;
  /** the gateway's own spelling of the rule, where it differs from the canonical `rule` it is counted under */
  ruleReported?: string;
  reasons?: string[];
  policyVersion?: string | null;
  /** the call as made, redacted */
  agent?: string;
  server?: string;
  tool?: string;
  onBehalfOf?: string;
  /** how onBehalfOf was known: verified, asserted or none */
  userSource?: string;
  sessionId?: string;
  argsHash?: string;
  arguments?: unknown;
  /** what an ingested call reported of its result */
  responseSummary?: unknown;
  recordsReturned?: number;
  bytes?: number;
  latencyMs?: number;
  traceId?: string;
  errorType?: string;
  requestId?: string | number;
  /** an ingested event's own attributes, redacted, and the token that sent it */
  extra?: unknown;
  ingestedBy?: string;
};

const text = (v: unknown) => (typeof v === "string" && v.trim() ? v : null);

/**
 * Why a call was decided as it was: the rule and its reasons, where Warden's engine put them (top level) or
 * where a gateway's ingested event carries them (its own attributes, kept as `extra`), or the error type a
 * refused call reported.
 */
export function callWhy(attributes: unknown): { rule: string | null; reasons: string[] } {
  const a = (attributes && typeof attributes === "object" ? attributes : {}) as CallData;
  const extra = (a.extra && typeof a.extra === "object" ? a.extra : {}) as CallData;
  const rule = text(a.rule) ?? text(extra.rule) ?? text(a.errorType);
  const listed = [a.reasons, extra.reasons].find((r) => Array.isArray(r) && r.length > 0) ?? [];
  return { rule, reasons: listed.map(String).filter(Boolean) };
}
