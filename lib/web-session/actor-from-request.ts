import { getToken } from "next-auth/jwt";
import type { UserActor } from "@/lib/authz/actor";
import { activeUser } from "./active-user";
import { sessionJwt } from "./session-jwt";

/**
 * For route handlers: the user behind the request's session cookie. It only decodes the cookie, so it
 * needs the cookie's secret and name, not next-auth's options (whose callbacks call the sign-in services).
 */
export async function actorFromRequest(req: Request): Promise<UserActor | null> {
  const { secret, secureCookie } = sessionJwt();
  const cookies = new Map<string, string>();
  for (const part of (req.headers.get("cookie") ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0) cookies.set(part.slice(0, at).trim(), decodeURIComponent(part.slice(at + 1).trim()));
  }
  const token = await getToken({
    req: { cookies, headers: Object.fromEntries(req.headers) } as unknown as Parameters<typeof getToken>[0]["req"],
    secret,
    secureCookie,
  });
  return activeUser(token?.sub, token?.sid, token?.ssoUntil);
}
