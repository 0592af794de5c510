import type { FieldErrors } from "@/lib/errors";
import { operationAllowed, toolMatches } from "@/lib/policy/arguments";
import type { Operation } from "@/lib/schemas/grant";
import type { TGrantNarrowing } from "@/lib/schemas/review";

export type GrantScope = {
  allowedTools: string[];
  allowedOperations: string[];
  maxRecords: number | null;
  expiresAt: Date | null;
};

const coveredTool = (current: string[], t: string) =>
  t.includes("*")
    ? current.some(
        (p) =>
          p === t || p === "*" || (p.endsWith("*") && !p.slice(0, -1).includes("*") && t.startsWith(p.slice(0, -1))),
      )
    : current.some((p) => toolMatches(p, t));

/**
 * A review may only take access away. Returns the grant after the change, and a message for every
 * field that would widen it (a tool or operation not already granted, a higher or removed limit, a
 * later or removed expiry).
 */
export function applyNarrowing(
  current: GrantScope,
  changes: TGrantNarrowing,
  now: Date,
): { after: GrantScope; widening: FieldErrors } {
  const widening: FieldErrors = {};
  const extraTools = (changes.allowedTools ?? []).filter((t) => !coveredTool(current.allowedTools, t));
  if (extraTools.length) widening["changes.allowedTools"] = `Not in the grant today: ${extraTools.join(", ")}`;
  const extraOps = (changes.allowedOperations ?? []).filter(
    (op) => !operationAllowed(op as Operation, current.allowedOperations),
  );
  if (extraOps.length) widening["changes.allowedOperations"] = `Not in the grant today: ${extraOps.join(", ")}`;
  if (changes.maxRecords !== undefined && current.maxRecords !== null && changes.maxRecords > current.maxRecords)
    widening["changes.maxRecords"] = `Above today's limit of ${current.maxRecords}`;
  if (changes.expiresAt !== undefined) {
    if (changes.expiresAt <= now) widening["changes.expiresAt"] = "Expiry must be ahead: to end access now, revoke";
    else if (current.expiresAt && changes.expiresAt > current.expiresAt)
      widening["changes.expiresAt"] = `Later than today's expiry of ${current.expiresAt.toISOString()}`;
  }
  return {
    after: {
      allowedTools: changes.allowedTools ?? current.allowedTools,
      allowedOperations: changes.allowedOperations ?? current.allowedOperations,
      maxRecords: changes.maxRecords ?? current.maxRecords,
      expiresAt: changes.expiresAt ?? current.expiresAt,
    },
    widening,
  };
}

/** The REVOKE default is dangerous at scale: warn while it would remove more than half the grants. */
export function revokeDefaultWarning(defaultAction: string, openGrants: number, totalGrants: number): string | null {
  if (defaultAction !== "REVOKE" || totalGrants === 0 || openGrants * 2 <= totalGrants) return null;
  return `Default action REVOKE: ${openGrants} of ${totalGrants} grants in scope are undecided and would be revoked at the due date`;
}
