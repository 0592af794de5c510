import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { toUserView, userSelect } from "./user-view";

export async function listUsers(actor: Actor) {
  assertCan(actor, "users.read");
  const rows = await db().user.findMany({ select: userSelect, orderBy: { email: "asc" } });
  return rows.map(toUserView);
}
