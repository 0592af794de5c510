import { createHash } from "node:crypto";
import { claimsOf, TokenRefused, type AccessClaims } from "./access-token";
import type { OAuthConfig } from "./config";

const CACHE_MS = 30_000;
const MAX_CACHED = 10_000;

/**
 * RFC 7662 introspection of opaque access tokens, with the gateway's own client credentials (§2.1). An
 * active token must carry the same checks as a JWT: this issuer, an audience of this resource, an expiry.
 * Answers are cached for 30 s by the token's hash (never the token), and never past the token's expiry.
 */
export function introspector(oauth: OAuthConfig, fetchImpl: typeof fetch = fetch) {
  const cfg = oauth.introspection!;
  const cache = new Map<string, { at: number; claims: AccessClaims; aud: string[] }>();
  const basic = Buffer.from(`${encodeURIComponent(cfg.client_id)}:${encodeURIComponent(cfg.client_secret)}`).toString(
    "base64",
  );
  return async function introspect(token: string, audiences: string[]): Promise<AccessClaims> {
    const key = createHash("sha256").update(token).digest("hex");
    const now = Date.now();
    let hit = cache.get(key);
    if (!hit || now - hit.at > CACHE_MS) {
      const res = await fetchImpl(cfg.url, {
        method: "POST",
        headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ token, token_type_hint: "access_token" }),
        signal: AbortSignal.timeout(5_000),
      });
      if (!res.ok) throw new Error(`introspection answered HTTP ${res.status}`);
      const doc = (await res.json()) as Record<string, unknown>;
      if (doc.active !== true) throw new TokenRefused("the token is not active");
      if (doc.iss !== undefined && doc.iss !== oauth.issuer)
        throw new TokenRefused("the token was issued by another authorization server");
      const aud = Array.isArray(doc.aud) ? doc.aud.map(String) : doc.aud === undefined ? [] : [String(doc.aud)];
      hit = { at: now, claims: claimsOf(doc, oauth.issuer), aud };
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(key, hit);
    }
    if (hit.claims.expiresAt * 1000 < now - oauth.clock_skew_seconds * 1000)
      throw new TokenRefused("the token has expired");
    if (!hit.aud.some((a) => audiences.includes(a)))
      throw new TokenRefused("the token was issued for another audience (RFC 8707): ask for this resource");
    return hit.claims;
  };
}
