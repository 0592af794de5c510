import { AppError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * A notification about an approval request needs this user only while the request is pending, unexpired,
 * and without their vote. Everything else is history: listed with its time, never counted.
 */
const stillNeeds = (userId: string, now: Date): Prisma.NotificationWhereInput => ({
  OR: [
    { approvalRequestId: null },
    {
      approvalRequest: {
        status: "PENDING",
        expiresAt: { gt: now },
        votes: { none: { approverId: userId } },
      },
    },
  ],
});

export async function listNotifications(actor: Actor, now = new Date()) {
  assertCan(actor, "notifications.own");
  if (actor.type !== "USER") throw new AppError("FORBIDDEN", "Notifications belong to people");
  const [items, needed, unread] = await Promise.all([
    db().notification.findMany({
      where: { userId: actor.id },
      orderBy: { createdAt: "desc" },
      take: 20,
      select: { id: true, title: true, body: true, link: true, readAt: true, createdAt: true, approvalRequestId: true },
    }),
    db().notification.findMany({
      where: { userId: actor.id, approvalRequestId: { not: null }, ...stillNeeds(actor.id, now) },
      select: { id: true },
      take: 100,
    }),
    db().notification.count({ where: { userId: actor.id, readAt: null, ...stillNeeds(actor.id, now) } }),
  ]);
  const open = new Set(needed.map((n) => n.id));
  return {
    items: items.map(({ approvalRequestId, ...n }) => ({
      ...n,
      needsAction: approvalRequestId ? open.has(n.id) : n.readAt === null,
    })),
    unread,
  };
}
