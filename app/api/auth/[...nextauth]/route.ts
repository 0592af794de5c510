import NextAuth from "next-auth";
import { errorResponse } from "@/lib/api/error-response";
import { DEVICE_COOKIE, DEVICE_COOKIE_DAYS } from "@/lib/auth/device-cookie";
import { nextAuthInputProblem } from "@/lib/web-session/next-auth-request";
import { authOptions } from "@/lib/web-session/options";
import { runSignInAttempt, type SignInAttempt } from "@/lib/auth/sign-in-attempt";
import { AppError } from "@/lib/errors";

// Built per request so that importing this module (e.g. during `next build`) reads no secrets.
async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  // next-auth's own forms post URL-encoded fields; anything else would reach its JSON.parse and throw.
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (req.method === "POST" && type !== "application/x-www-form-urlencoded")
    return errorResponse(new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the form as application/x-www-form-urlencoded"));
  const problem = nextAuthInputProblem(req, (await ctx.params).nextauth ?? []);
  if (problem) {
    const refused = errorResponse(problem.error);
    if (problem.clearCookie) refused.headers.append("set-cookie", problem.clearCookie);
    return refused;
  }
  const attempt: SignInAttempt = {};
  let response: Response;
  try {
    response = await runSignInAttempt(attempt, () => NextAuth(authOptions())(req, ctx));
  } catch (error) {
    // Malformed input next-auth could not read is the client's fault; anything else stays a 500.
    if (error instanceof SyntaxError || error instanceof URIError || error instanceof TypeError)
      return errorResponse(new AppError("BAD_REQUEST", "Malformed sign-in request"));
    throw error;
  }
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
