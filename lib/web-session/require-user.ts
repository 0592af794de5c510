import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { REQUESTED_PATH_HEADER, signInPath } from "@/lib/auth/callback-url";
import type { UserActor } from "@/lib/authz/actor";
import { activeUser } from "./active-user";
import { authOptions } from "./options";

/** For server components: the signed-in user, or a redirect to sign-in that comes back to the page asked for. */
export async function requireUser(): Promise<UserActor> {
  const session = await getServerSession(authOptions());
  const actor = await activeUser(session?.user?.id, session?.sid, session?.ssoUntil);
  if (!actor) redirect(signInPath((await headers()).get(REQUESTED_PATH_HEADER)));
  return actor;
}
