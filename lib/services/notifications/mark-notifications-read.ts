import { AppError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";

/** Marks all of this user's notifications read: notifications are personal, so this is not audited. */
export async function markNotificationsRead(actor: Actor, now = new Date()) {
  assertCan(actor, "notifications.own");
  if (actor.type !== "USER") throw new AppError("FORBIDDEN", "Notifications belong to people");
  const { count } = await db().notification.updateMany({
    where: { userId: actor.id, readAt: null },
    data: { readAt: now },
  });
  return { marked: count };
}
