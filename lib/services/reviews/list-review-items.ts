import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/schemas/parse";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assigneeLabel } from "@/lib/reviews/assignment";
import { conflictKindsOf } from "@/lib/reviews/conflicts";
import { ZReviewItemsQuery, type TReviewItemsQuery } from "@/lib/schemas/review";
import { usageSparklines } from "./internal/activity";
import { quietItem, unchangedSince } from "./internal/live-snapshots";
import { assignedToWhere, conflictBarrier, isAssignedTo, reviewerOf } from "./review-access";
import { itemView } from "./review-views";

/**
 * Review items: "me" lists what the caller must decide (with a usage sparkline from the rollups, and
 * whether it may be bulk-certified), and, with `conflict` saying why, the items they may not decide
 * because they own, registered or granted the access; ADMINs and AUDITORs may list everyone's.
 */
export async function listReviewItems(actor: Actor, raw: TReviewItemsQuery = {}, now = new Date()) {
  assertCan(actor, "reviews.read");
  const q = parseWith(ZReviewItemsQuery, raw, "review item query");
  const reviewer = actor.type === "USER" ? await reviewerOf(db(), actor) : null;
  const me = reviewer?.id ?? null;
  if (q.assignee !== "me" && q.assignee !== me && !can(actor, "reviews.viewAll"))
    throw new AppError("FORBIDDEN", "Only ADMINs and AUDITORs see other reviewers' items");
  const mine: Prisma.ReviewItemWhereInput = reviewer
    ? { OR: [assignedToWhere(reviewer), { conflictUserIds: { has: reviewer.id } }] }
    : { id: { in: [] } };
  const assigned: Prisma.ReviewItemWhereInput =
    q.assignee === "all" ? {} : q.assignee === "me" ? mine : { assigneeId: q.assignee };
  const rows = await db().reviewItem.findMany({
    where: { AND: [assigned, { campaignId: q.campaign, status: q.status, kind: q.kind }] },
    include: {
      campaign: { select: { id: true, period: true, status: true, dueAt: true, startedAt: true } },
    },
    orderBy: [{ serverSlug: "asc" }, { kind: "asc" }, { subjectKey: "asc" }],
    take: 1000,
  });
  type Row = Omit<(typeof rows)[number], "campaign">;
  const decides = (i: Row) => reviewer !== null && isAssignedTo(i, reviewer);
  const barrier = (i: Row) => (me ? conflictBarrier(i, me) : null);
  const items = q.assignee === "me" ? rows.filter((r) => decides(r) || barrier(r)) : rows;
  const [assignees, teamSlugs, sparkline, unchanged] = await Promise.all([
    db().user.findMany({
      where: { id: { in: items.map((i) => i.assigneeId).filter((x): x is string => x !== null) } },
      select: { id: true, email: true },
    }),
    db().team.findMany({
      where: { id: { in: items.map((i) => i.assigneeTeamId).filter((x): x is string => x !== null) } },
      select: { id: true, slug: true },
    }),
    usageSparklines(
      db(),
      items.filter((i) => i.agentClientId).map((i) => ({ agent: i.agentClientId!, server: i.serverSlug })),
      now,
    ),
    unchangedSince(
      db(),
      items.filter((i) => i.status === "OPEN").map((i) => ({ ...i, startedAt: i.campaign.startedAt })),
    ),
  ]);
  const email = new Map(assignees.map((u) => [u.id, u.email]));
  const slug = new Map(teamSlugs.map((t) => [t.id, t.slug]));
  return items.map(({ campaign, ...i }) => ({
    ...itemView(i),
    campaign,
    assigneeLabel: assigneeLabel(i, email, slug),
    canDecide: campaign.status === "ACTIVE" && i.status === "OPEN" && decides(i),
    /** why the caller may not decide it: their own tie to the access */
    conflict: barrier(i),
    /** the decider's own ties to the item, where the campaign allowed self-review */
    decidedWithConflict: conflictKindsOf(i.conflicts, i.decidedById).join(",") || null,
    unchanged: unchanged.has(i.id),
    bulkEligible: i.status === "OPEN" && unchanged.has(i.id) && quietItem(i),
    usage: i.agentClientId ? sparkline(i.agentClientId, i.serverSlug) : null,
  }));
}
export type ReviewItemRow = Awaited<ReturnType<typeof listReviewItems>>[number];
