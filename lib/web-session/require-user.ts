import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import type { UserActor } from "@/lib/authz/actor";
import { activeUser } from "./active-user";
import { authOptions } from "./options";

/** For server components: the signed-in user, or a redirect to sign-in. */
export async function requireUser(): Promise<UserActor> {
  const session = await getServerSession(authOptions());
  const actor = await activeUser(session?.user?.id, session?.sid, session?.ssoUntil);
  if (!actor) redirect("/login");
  return actor;
}
