const BASE = "http://warden.invalid";

/**
 * Where to go after sign-in: a path on this site, or "/". Resolved the way a browser would, so
 * `//evil.example`, `/\evil.example` (and its encoded `/%5Cevil.example`), `javascript:` and absolute
 * URLs elsewhere are all refused rather than trusted for starting with a slash.
 */
/** The request header the proxy sets to the page asked for, so a sign-in redirect can come back to it. */
export const REQUESTED_PATH_HEADER = "x-warden-requested-path";

/**
 * The sign-in page, coming back afterwards to the page asked for (a deep link survives sign-in). Only a path
 * on this site is carried, and the start page needs no parameter.
 */
export function signInPath(requested: string | null | undefined): string {
  const back = safeCallbackPath(requested);
  return back === "/" ? "/login" : `/login?${new URLSearchParams({ callbackUrl: back })}`;
}

export function safeCallbackPath(candidate: string | null | undefined, ownOrigin?: string): string {
  if (!candidate) return "/";
  let value = candidate;
  if (ownOrigin && value.startsWith(ownOrigin + "/")) value = value.slice(ownOrigin.length);
  // Control characters and backslashes are what browsers "repair" into another host.
  if (!value.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(value)) return "/";
  try {
    if (/[\\\u0000-\u001f\u007f]/.test(decodeURIComponent(value))) return "/";
    const url = new URL(value, BASE);
    if (url.origin !== BASE || url.pathname.startsWith("//")) return "/";
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/";
  }
}
