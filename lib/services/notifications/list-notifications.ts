import { AppError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { openItemsOf } from "@/lib/services/reviews/shared/open-items-of";

/**
 * A notification about an approval request needs this user only while the request is pending, unexpired,
 * and without their vote; one about an access review only while the review holds open items for them. Everything
 * else is history: listed with its time, never counted.
 */
const stillNeeds = (userId: string, now: Date, openCampaigns: string[]): Prisma.NotificationWhereInput => ({
  OR: [
    { approvalRequestId: null, reviewCampaignId: null },
    {
      approvalRequest: {
        status: "PENDING",
        expiresAt: { gt: now },
        votes: { none: { approverId: userId } },
      },
    },
    { reviewCampaignId: { in: openCampaigns } },
  ],
});

export async function listNotifications(actor: Actor, now = new Date()) {
  assertCan(actor, "notifications.own");
  if (actor.type !== "USER") throw new AppError("FORBIDDEN", "Notifications belong to people");
  const campaigns = await db().notification.findMany({
    where: { userId: actor.id, reviewCampaignId: { not: null } },
    distinct: ["reviewCampaignId"],
    select: { reviewCampaignId: true },
  });
  const openItems = await openItemsOf(
    db(),
    actor.id,
    campaigns.flatMap((c) => (c.reviewCampaignId ? [c.reviewCampaignId] : [])),
  );
  const openCampaigns = [...openItems].filter(([, n]) => n > 0).map(([id]) => id);
  const [items, needed, unread] = await Promise.all([
    db().notification.findMany({
      where: { userId: actor.id },
      orderBy: { createdAt: "desc" },
      take: 20,
      select: {
        id: true,
        title: true,
        body: true,
        link: true,
        readAt: true,
        createdAt: true,
        approvalRequestId: true,
        reviewCampaignId: true,
      },
    }),
    db().notification.findMany({
      where: { userId: actor.id, approvalRequestId: { not: null }, ...stillNeeds(actor.id, now, openCampaigns) },
      select: { id: true },
      take: 100,
    }),
    db().notification.count({ where: { userId: actor.id, readAt: null, ...stillNeeds(actor.id, now, openCampaigns) } }),
  ]);
  const open = new Set(needed.map((n) => n.id));
  return {
    items: items.map(({ approvalRequestId, reviewCampaignId, ...n }) => {
      if (reviewCampaignId) {
        const left = openItems.get(reviewCampaignId) ?? 0;
        return { ...n, needsAction: left > 0, openItems: left };
      }
      return { ...n, needsAction: approvalRequestId ? open.has(n.id) : n.readAt === null, openItems: null };
    }),
    unread,
  };
}
