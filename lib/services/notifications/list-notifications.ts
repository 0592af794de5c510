import { AppError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";

export async function listNotifications(actor: Actor) {
  assertCan(actor, "notifications.own");
  if (actor.type !== "USER") throw new AppError("FORBIDDEN", "Notifications belong to people");
  const [items, unread] = await Promise.all([
    db().notification.findMany({ where: { userId: actor.id }, orderBy: { createdAt: "desc" }, take: 20 }),
    db().notification.count({ where: { userId: actor.id, readAt: null } }),
  ]);
  return { items, unread };
}
