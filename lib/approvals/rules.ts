import type { ApprovalStatus } from "@/lib/generated/prisma/enums";

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

/**
 * Expiry is enforced when read: a PENDING request past its time is EXPIRED, with or without a timer,
 * and so is a tool-call approval that was never used (it can no longer be consumed).
 */
export function effectiveStatus(
  r: { kind: string; status: ApprovalStatus; expiresAt: Date },
  now = new Date(),
): ApprovalStatus {
  if (r.expiresAt > now) return r.status;
  if (r.status === "PENDING" || (r.status === "APPROVED" && r.kind === "TOOL_CALL")) return "EXPIRED";
  return r.status;
}

/** The `where` of requests that read as EXPIRED at `now` (see effectiveStatus). */
export const expiredWhere = (now: Date) => ({
  OR: [
    { status: "EXPIRED" as const },
    { status: "PENDING" as const, expiresAt: { lte: now } },
    { status: "APPROVED" as const, kind: "TOOL_CALL" as const, expiresAt: { lte: now } },
  ],
});
