import type { DescribedReason } from "@/lib/policy/describe-reason";

export type DiffPart = { value: string; added?: boolean; removed?: boolean };

/**
 * What an approver needs beside the request itself to decide it without opening three other pages. Its own
 * module: the kinds that describe a change (servers, tools) and the page that shows it both read it.
 */
export type ApprovalContext = {
  reason: DescribedReason;
  requestedBy: { label: string; name: string | null; teams: string[] };
  readiness?: { passing: number; total: number; failing: string[] };
  toolChange?: { fields: string[]; diff: DiffPart[]; hiddenInstructions: string | null };
};
