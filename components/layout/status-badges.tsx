import { Badge, type BadgeTone } from "@/components/ui/badge";
import { outcomeLabel, outcomeTone } from "@/lib/schemas/outcome";

const RISK: Record<string, BadgeTone> = { LOW: "success", MEDIUM: "info", HIGH: "warning", CRITICAL: "danger" };
const STATUS: Record<string, BadgeTone> = {
  ACTIVE: "success",
  APPROVED: "success",
  DRAFT: "neutral",
  PENDING_APPROVAL: "info",
  PENDING_REVIEW: "warning",
  SUSPENDED: "danger",
  RETIRED: "neutral",
  REVOKED: "neutral",
  BREAK_GLASS: "danger",
  EXPIRED: "neutral",
};

export const RiskBadge = ({ risk }: { risk: string | null }) =>
  risk ? <Badge tone={RISK[risk]}>{risk}</Badge> : <span className="text-slate-400">—</span>;

export const StatusBadge = ({ status }: { status: string }) => (
  <Badge tone={STATUS[status] ?? "neutral"}>{status.replaceAll("_", " ")}</Badge>
);

export const EnvBadge = ({ env }: { env: string }) => (
  <Badge tone={env === "PROD" ? "danger" : env === "STAGING" ? "warning" : "neutral"}>{env}</Badge>
);

/** A recorded outcome in the one vocabulary ("Denied", "Succeeded", …), whatever spelling was stored. */
export const OutcomeBadge = ({ outcome }: { outcome: string }) => (
  <Badge tone={outcomeTone(outcome)}>{outcomeLabel(outcome)}</Badge>
);
