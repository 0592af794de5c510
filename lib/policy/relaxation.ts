/** The server fields whose change can loosen what agents may do, or who must agree to it. */
export type PolicyFields = {
  approvalsRequired: number | null;
  highRiskApproval: boolean;
  approvalCommentRequired: boolean;
  approvalTtlMinutes: number | null;
  requiresActiveSession: boolean;
  sessionTimeoutMinutes: number | null;
  rateLimitPerMinute: number | null;
  maxRecordsPerCall: number | null;
  allowedObjects: string[];
  allowedOperations: string[];
  deniedFields: string[];
  logAllCalls: boolean;
  auditRetentionDays: number;
  siemForward: string | null;
  dataClassification: string | null;
};

const CLASSES = ["PUBLIC", "INTERNAL", "CONFIDENTIAL", "RESTRICTED"];
/** A limit that can be lifted: null means no limit at all. */
const higher = (before: number | null, after: number | null) => before !== null && (after === null || after > before);
/** A list that allows things: empty means "everything". */
const wider = (before: string[], after: string[]) =>
  before.length > 0 && (after.length === 0 || after.some((x) => !before.includes(x)));

/**
 * Every way a change loosens a server's policy, in words, or [] when it only keeps or tightens it.
 * Only the fields the change sets are compared.
 */
export function policyRelaxations(before: PolicyFields, change: Partial<PolicyFields>): string[] {
  const after = { ...before, ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) };
  const out: string[] = [];
  const was = (k: keyof PolicyFields) => k in change && change[k] !== undefined;
  if (was("approvalsRequired") && (after.approvalsRequired ?? 1) < (before.approvalsRequired ?? 1))
    out.push("fewer approvals required");
  if (was("approvalsRequired") && before.approvalsRequired !== null && after.approvalsRequired === null)
    out.push("approvals required back to the default");
  if (before.highRiskApproval && !after.highRiskApproval) out.push("high-risk calls no longer need approval");
  if (before.approvalCommentRequired && !after.approvalCommentRequired) out.push("votes no longer need a comment");
  if (was("approvalTtlMinutes") && (after.approvalTtlMinutes ?? 30) > (before.approvalTtlMinutes ?? 30))
    out.push("approvals live longer");
  if (before.requiresActiveSession && !after.requiresActiveSession) out.push("no active session required");
  if (higher(before.sessionTimeoutMinutes, after.sessionTimeoutMinutes)) out.push("longer session timeout");
  if (higher(before.rateLimitPerMinute, after.rateLimitPerMinute)) out.push("higher or no rate limit");
  if (higher(before.maxRecordsPerCall, after.maxRecordsPerCall)) out.push("more records per call");
  if (wider(before.allowedObjects, after.allowedObjects)) out.push("more objects allowed");
  if (wider(before.allowedOperations, after.allowedOperations)) out.push("more operations allowed");
  if (before.deniedFields.some((f) => !after.deniedFields.includes(f))) out.push("fewer denied fields");
  if (before.logAllCalls && !after.logAllCalls) out.push("calls no longer all logged");
  if (after.auditRetentionDays < before.auditRetentionDays) out.push("shorter audit retention");
  if (before.siemForward && !after.siemForward) out.push("no SIEM forwarding");
  if (CLASSES.indexOf(after.dataClassification ?? "") < CLASSES.indexOf(before.dataClassification ?? ""))
    out.push("lower data classification");
  return out;
}
