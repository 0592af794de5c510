import { revokeDefaultWarning } from "./narrowing";

export type ProgressRow = {
  kind: string;
  status: string;
  decision: string | null;
  exception: boolean;
  serverSlug: string;
  assigneeLabel: string;
};

/**
 * The campaign dashboard from its items: percent complete, decisions by type, revocations per server,
 * progress per reviewer, and who is behind. Pure, so the page and the tile count the same way.
 */
export function campaignProgress(
  rows: ProgressRow[],
  campaign: { status: string; dueAt: Date; defaultAction: string },
  now: Date,
) {
  const total = rows.length;
  const open = rows.filter((r) => r.status === "OPEN").length;
  const decisions: Record<string, number> = { CERTIFY: 0, REVOKE: 0, MODIFY: 0, KEEP: 0 };
  const servers = new Map<string, { server: string; revoked: number; modified: number; items: number }>();
  const reviewers = new Map<string, { reviewer: string; total: number; open: number }>();
  for (const r of rows) {
    if (r.decision) decisions[r.decision] = (decisions[r.decision] ?? 0) + 1;
    const s = servers.get(r.serverSlug) ?? { server: r.serverSlug, revoked: 0, modified: 0, items: 0 };
    s.items++;
    if (r.decision === "REVOKE") s.revoked++;
    if (r.decision === "MODIFY") s.modified++;
    servers.set(r.serverSlug, s);
    const who = reviewers.get(r.assigneeLabel) ?? { reviewer: r.assigneeLabel, total: 0, open: 0 };
    who.total++;
    if (r.status === "OPEN") who.open++;
    reviewers.set(r.assigneeLabel, who);
  }
  const daysLeft = Math.ceil((campaign.dueAt.getTime() - now.getTime()) / 86_400_000);
  // Behind: still holding open items in the last week, or past the due date.
  const overdueReviewers =
    campaign.status === "ACTIVE" && daysLeft <= 7
      ? [...reviewers.values()].filter((r) => r.open > 0).map((r) => r.reviewer)
      : [];
  const grants = rows.filter((r) => r.kind === "GRANT");
  const warning =
    campaign.status === "ACTIVE"
      ? revokeDefaultWarning(campaign.defaultAction, grants.filter((r) => r.status === "OPEN").length, grants.length)
      : null;
  return {
    total,
    open,
    done: total - open,
    percent: total === 0 ? 0 : Math.floor(((total - open) * 100) / total),
    daysLeft,
    decisions,
    exceptions: rows.filter((r) => r.exception).length,
    unassigned: rows.filter((r) => r.status === "OPEN" && r.assigneeLabel === "unassigned").length,
    revocationsByServer: [...servers.values()].sort((a, b) => b.revoked + b.modified - (a.revoked + a.modified)),
    reviewers: [...reviewers.values()].sort((a, b) => b.open - a.open || a.reviewer.localeCompare(b.reviewer)),
    overdueReviewers,
    warnings: warning ? [warning] : [],
  };
}
export type CampaignProgress = ReturnType<typeof campaignProgress>;
