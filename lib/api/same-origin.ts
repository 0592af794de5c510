import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The origins this deployment answers on: NEXTAUTH_URL's, and the one the request was addressed to. */
function ownOrigins(req: Request): Set<string> {
  const origins = new Set<string>();
  const configured = env().NEXTAUTH_URL;
  if (configured) origins.add(new URL(configured).origin);
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (host) {
    const proto = req.headers.get("x-forwarded-proto") ?? new URL(req.url).protocol.replace(":", "");
    origins.add(`${proto}://${host}`);
  }
  return origins;
}

/**
 * Cross-site request forgery: a console mutation must come from a page of this site. Browsers say where
 * a request comes from (Sec-Fetch-Site, Origin); anything they mark as another origin, including another
 * port of the same host (same-site, so a Lax cookie is sent), is refused. A client that sends neither
 * header is not a browser acting for someone else (it would need the cookie itself), and JSON-only
 * bodies already force a browser into a CORS preflight that Warden never grants.
 */
export function assertSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method)) return;
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none")
    throw new AppError("FORBIDDEN", "Cross-site requests are refused: use the Warden console itself");
  const origin = req.headers.get("origin");
  if (origin && !ownOrigins(req).has(origin))
    throw new AppError("FORBIDDEN", "Cross-origin requests are refused: use the Warden console itself");
}
