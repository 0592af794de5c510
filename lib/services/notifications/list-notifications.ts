import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";

export async function listNotifications(actor: Actor) {
  if (actor.type !== "USER") throw new AppError("FORBIDDEN", "Notifications belong to people");
  const [items, unread] = await Promise.all([
    db().notification.findMany({ where: { userId: actor.id }, orderBy: { createdAt: "desc" }, take: 20 }),
    db().notification.count({ where: { userId: actor.id, readAt: null } }),
  ]);
  return { items, unread };
}

/** Marks all of this user's notifications read: notifications are personal, so this is not audited. */
export async function markNotificationsRead(actor: Actor, now = new Date()) {
  if (actor.type !== "USER") throw new AppError("FORBIDDEN", "Notifications belong to people");
  const { count } = await db().notification.updateMany({
    where: { userId: actor.id, readAt: null },
    data: { readAt: now },
  });
  return { marked: count };
}
