import { notFound } from "next/navigation";
import type { UserActor } from "@/lib/authz/actor";
import { can, type Action } from "@/lib/authz/permissions";
import { requireUser } from "./require-user";

/** For pages: the signed-in user if they may do `action`; otherwise a 404, which reveals nothing. */
export async function requirePermission(action: Action): Promise<UserActor> {
  const user = await requireUser();
  if (!can(user, action)) notFound();
  return user;
}
