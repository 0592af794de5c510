import NextAuth from "next-auth";
import { DEVICE_COOKIE, DEVICE_COOKIE_DAYS } from "@/lib/auth/device-cookie";
import { authOptions } from "@/lib/auth/options";
import { runSignInAttempt, type SignInAttempt } from "@/lib/auth/sign-in-attempt";

// Built per request so that importing this module (e.g. during `next build`) reads no secrets.
async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  const attempt: SignInAttempt = {};
  const response: Response = await runSignInAttempt(attempt, () => NextAuth(authOptions())(req, ctx));
  if (!attempt.retryAfterSeconds && !attempt.deviceCookie) return response;
  // A throttled sign-in is a 429 with Retry-After (same body and message as any failed sign-in).
  const headers = new Headers(response.headers);
  if (attempt.retryAfterSeconds) headers.set("retry-after", String(attempt.retryAfterSeconds));
  if (attempt.deviceCookie) {
    const secure = authOptions().useSecureCookies ? "; Secure" : "";
    headers.append(
      "set-cookie",
      `${DEVICE_COOKIE}=${attempt.deviceCookie}; Path=/api/auth; HttpOnly; SameSite=Lax; Max-Age=${DEVICE_COOKIE_DAYS * 86_400}${secure}`,
    );
  }
  return new Response(response.body, { status: attempt.retryAfterSeconds ? 429 : response.status, headers });
}

export { handler as GET, handler as POST };
