import { NextResponse, type NextRequest } from "next/server";
import { REQUESTED_PATH_HEADER } from "@/lib/auth/callback-url";

/**
 * Security headers that depend on the request: a Content-Security-Policy with a fresh nonce for every
 * page (Next.js reads it from the request's CSP header and puts it on its own inline scripts, so no
 * inline script runs without it), upgrading insecure requests when the page was reached over https.
 * HSTS is set in next.config.ts, for every path (this proxy skips build assets).
 */
export function contentSecurityPolicy(nonce: string, https: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    // React renders style attributes (charts, widths); styles cannot run code, scripts are what CSP guards.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

const isHttps = (request: NextRequest) =>
  (request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol.replace(":", "")).split(",")[0].trim() ===
  "https";

/** A path Next.js cannot percent-decode (`%ZZ`, `%ED%A0%80`) would fail inside the router as a 500. */
function undecodable(pathname: string): boolean {
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(segment);
    return false;
  } catch {
    return true;
  }
}

export function proxy(request: NextRequest) {
  if (undecodable(request.nextUrl.pathname))
    return Response.json(
      { error: { code: "BAD_REQUEST", message: "The path is not valid percent-encoded UTF-8" } },
      { status: 400, headers: { "cache-control": "no-store" } },
    );
  const nonce = btoa(crypto.randomUUID());
  const https = isHttps(request);
  const csp = contentSecurityPolicy(nonce, https);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  // The page asked for, set here whatever the client sent: sign-in comes back to it (lib/web-session/require-user).
  const asked = new URL(request.nextUrl);
  asked.searchParams.delete("_rsc");
  headers.set(REQUESTED_PATH_HEADER, `${asked.pathname}${asked.search}`);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  // Everything but build assets, which carry no script of their own to guard.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|icon|apple-icon).*)" }],
};
