import type { Actor } from "@/lib/authz/actor";
import type { PackKind, TPackInput } from "@/lib/schemas/report";
import { buildApprovalsPack } from "./build-approvals-pack";
import { buildAuditPack } from "./build-audit-pack";
import type { ExportReads } from "./export-audit-events";
import { buildInventoryPack } from "./build-inventory-pack";
import { buildReviewPack } from "./build-review-pack";

/**
 * One entry point for every report kind: the route, the scheduler and the tests call this. `reads`: where an
 * audit pack reads its rows (the other packs read the primary).
 */
export function buildReportPack(actor: Actor, kind: PackKind, query: TPackInput, reads?: ExportReads) {
  if (kind === "audit") return buildAuditPack(actor, query, reads);
  if (kind === "approvals") return buildApprovalsPack(actor, { from: query.from, to: query.to, until: query.until });
  if (kind === "review") return buildReviewPack(actor, { campaignId: query.campaignId });
  return buildInventoryPack(actor);
}
