import { authSecret } from "@/lib/auth/secret";
import { env } from "@/lib/env";

/** How the session cookie is sealed and named: next-auth's options and every reader of the cookie agree on it. */
export function sessionJwt(): { secret: string; secureCookie: boolean } {
  return { secret: authSecret(), secureCookie: env().NEXTAUTH_URL?.startsWith("https://") ?? false };
}
