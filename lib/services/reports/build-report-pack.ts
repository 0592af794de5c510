import type { Actor } from "@/lib/authz/actor";
import type { PackKind, TPackInput } from "@/lib/schemas/report";
import { buildApprovalsPack } from "./build-approvals-pack";
import { buildAuditPack } from "./build-audit-pack";
import { buildInventoryPack } from "./build-inventory-pack";
import { buildReviewPack } from "./build-review-pack";

/** One entry point for every report kind: the route, the scheduler and the tests call this. */
export function buildReportPack(actor: Actor, kind: PackKind, query: TPackInput) {
  if (kind === "audit") return buildAuditPack(actor, query);
  if (kind === "approvals") return buildApprovalsPack(actor, { from: query.from, to: query.to, until: query.until });
  if (kind === "review") return buildReviewPack(actor, { campaignId: query.campaignId });
  return buildInventoryPack(actor);
}
