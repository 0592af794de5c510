import { getServerSession } from "next-auth";
import { getToken } from "next-auth/jwt";
import { redirect } from "next/navigation";
import type { UserActor } from "@/lib/authz/actor";
import { activeUser } from "./active-user";
import { authOptions } from "./options";

/** For route handlers: the user behind the request's session cookie. */
export async function actorFromRequest(req: Request): Promise<UserActor | null> {
  const options = authOptions();
  const cookies = new Map<string, string>();
  for (const part of (req.headers.get("cookie") ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0) cookies.set(part.slice(0, at).trim(), decodeURIComponent(part.slice(at + 1).trim()));
  }
  const token = await getToken({
    req: { cookies, headers: Object.fromEntries(req.headers) } as unknown as Parameters<typeof getToken>[0]["req"],
    secret: options.secret,
    secureCookie: options.useSecureCookies,
  });
  return activeUser(token?.sub, token?.sid, token?.ssoUntil);
}

/** For server components: the signed-in user, or a redirect to sign-in. */
export async function requireUser(): Promise<UserActor> {
  const session = await getServerSession(authOptions());
  const actor = await activeUser(session?.user?.id, session?.sid, session?.ssoUntil);
  if (!actor) redirect("/login");
  return actor;
}
