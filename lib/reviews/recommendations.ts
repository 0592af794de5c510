export type Recommendation = {
  code: "revoke" | "review" | "narrow" | "rotate";
  text: string;
  evidence: Record<string, unknown>;
};

export const UNUSED_DAYS = 90;
const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * What the audit log says about a grant, each with the evidence behind it: unused for 90 days, calls
 * denied for going beyond it, wildcard tools or no expiry.
 */
export function grantRecommendations(
  grant: { allowedTools: string[]; expiresAt: string | null },
  activity: { lastUsedAt: Date | null; scopeDenials: number; denialRules: string[] },
  now: Date,
): Recommendation[] {
  const out: Recommendation[] = [];
  const since = new Date(now.getTime() - UNUSED_DAYS * DAY);
  if (!activity.lastUsedAt)
    out.push({
      code: "revoke",
      text: "revoke: never used",
      evidence: { lastUsedAt: null, lookedBackTo: isoDay(since), source: "ToolCallRollup" },
    });
  else if (activity.lastUsedAt < since)
    out.push({
      code: "revoke",
      text: `revoke: unused since ${isoDay(activity.lastUsedAt)}`,
      evidence: { lastUsedAt: activity.lastUsedAt.toISOString(), source: "ToolCallRollup" },
    });
  if (activity.scopeDenials > 0)
    out.push({
      code: "review",
      text: `review: ${activity.scopeDenials} denial${activity.scopeDenials === 1 ? "" : "s"}`,
      evidence: {
        denials: activity.scopeDenials,
        rules: activity.denialRules,
        since: isoDay(since),
        source: "AuditEvent",
      },
    });
  const wildcards = grant.allowedTools.filter((t) => t.includes("*"));
  if (wildcards.length || !grant.expiresAt)
    out.push({
      code: "narrow",
      text: `narrow: ${[wildcards.length ? `wildcard ${wildcards.join(", ")}` : "", grant.expiresAt ? "" : "no expiry"].filter(Boolean).join(", ")}`,
      evidence: { wildcards, expiresAt: grant.expiresAt },
    });
  return out;
}

export function credentialRecommendations(rotation: { dueAt: Date | null }, now: Date): Recommendation[] {
  if (!rotation.dueAt || rotation.dueAt >= now) return [];
  const days = Math.floor((now.getTime() - rotation.dueAt.getTime()) / DAY);
  return [
    {
      code: "rotate",
      text: `rotate: overdue since ${isoDay(rotation.dueAt)}`,
      evidence: { rotationDueAt: rotation.dueAt.toISOString(), overdueDays: days },
    },
  ];
}
