/** How many distinct approvers a request needs: the server's setting, else 2 for CRITICAL risk or RESTRICTED data. */
export function requiredApprovals(
  server: { approvalsRequired: number | null; dataClassification: string | null },
  risk: string,
): number {
  if (server.approvalsRequired) return server.approvalsRequired;
  return risk === "CRITICAL" || server.dataClassification === "RESTRICTED" ? 2 : 1;
}

export const DEFAULT_TOOL_CALL_TTL_MINUTES = 30;
export const DEFAULT_ACCESS_TTL_DAYS = 7;
export const MAX_JIT_DAYS = 14;

/** Expiry is enforced when read: a PENDING request past its time is EXPIRED, with or without a timer. */
export function effectiveStatus(r: { status: string; expiresAt: Date }, now = new Date()): string {
  return r.status === "PENDING" && r.expiresAt <= now ? "EXPIRED" : r.status;
}
