import { encode } from "next-auth/jwt";
import { sessionJwt } from "@/lib/web-session/session-jwt";

/** The console's session cookie for a user, as the browser would send it, for calling real route handlers. */
export async function sessionCookie(userId: string, sid?: string): Promise<string> {
  const jwt = await encode({ token: { sub: userId, sid }, secret: sessionJwt().secret });
  return `next-auth.session-token=${jwt}`;
}
