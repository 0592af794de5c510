import { AppError } from "@/lib/errors";
import { readCookie } from "@/lib/auth/device-cookie";

const CALLBACK_COOKIES = ["__Secure-next-auth.callback-url", "next-auth.callback-url"];

/** next-auth's own test of a callback URL: a path, or an absolute http(s) URL. */
function isCallbackUrl(raw: string, base: string): boolean {
  try {
    return /^https?:$/.test(new URL(raw, raw.startsWith("/") ? base : undefined).protocol);
  } catch {
    return false;
  }
}

export type NextAuthInputProblem = { error: AppError; clearCookie?: string };

/**
 * next-auth answers some client input with a 500 of its own making: a `callbackUrl` (query or cookie)
 * that fails its configuration check, and any method but POST on the credentials callback ("not
 * supported"). Both are the client's doing, so they are refused here first, with a 4xx that says
 * why; a callback cookie that next-auth would choke on is cleared with the answer. (Where a valid
 * callback URL finally leads is still decided by the redirect callback: only this site.)
 */
export function nextAuthInputProblem(req: Request, segments: string[]): NextAuthInputProblem | null {
  if (segments[0] === "callback" && segments[1] === "credentials" && req.method !== "POST")
    return { error: new AppError("METHOD_NOT_ALLOWED", "Password sign-in is a POST of the sign-in form") };
  const url = new URL(req.url);
  const callbackUrl = url.searchParams.get("callbackUrl");
  if (callbackUrl && !isCallbackUrl(callbackUrl, url.origin))
    return { error: new AppError("BAD_REQUEST", "callbackUrl must be a path on this site") };
  for (const name of CALLBACK_COOKIES) {
    const raw = readCookie(req.headers.get("cookie"), name);
    if (raw === undefined) continue;
    let value: string;
    try {
      value = decodeURIComponent(raw);
    } catch {
      value = "";
    }
    if (value && isCallbackUrl(value, url.origin)) continue;
    return {
      error: new AppError("BAD_REQUEST", "The sign-in redirect cookie was malformed and has been cleared: try again"),
      clearCookie: `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${name.startsWith("__Secure-") ? "; Secure" : ""}`,
    };
  }
  return null;
}
