import type { OAuthConfig } from "./config";
import type { IssuerMetadata } from "./issuer-metadata";

/** A token the gateway obtained for one upstream, for one user. */
export type ExchangedToken = { accessToken: string; expiresAt: number };

/** Refreshed this long before it expires, so a call never starts with a token about to lapse. */
const EARLY_MS = 60_000;
const MAX_CACHED = 10_000;

export class ExchangeFailed extends Error {}

/**
 * RFC 8693 token exchange at the issuer's token endpoint: the user's access token is the subject token,
 * the upstream the audience, the gateway authenticates as its own client (client_secret_basic, RFC 6749
 * §2.3.1). The answer is cached per (user, upstream) until shortly before it expires. MCP 2025-11-25,
 * Security Best Practices › Token Passthrough: the user's own token is never sent upstream.
 */
export function tokenExchanger(oauth: OAuthConfig, metadata: () => Promise<IssuerMetadata>, fetchImpl = fetch) {
  const cache = new Map<string, ExchangedToken>();
  const client = oauth.client!;
  const basic = Buffer.from(`${encodeURIComponent(client.id)}:${encodeURIComponent(client.secret)}`).toString("base64");

  return async function exchange(
    cacheKey: string,
    subjectToken: string,
    target: { audience: string; scopes: readonly string[] },
    now = Date.now(),
  ): Promise<ExchangedToken> {
    const hit = cache.get(cacheKey);
    if (hit && hit.expiresAt - EARLY_MS > now) return hit;
    const endpoint = oauth.token_endpoint ?? (await metadata().catch(() => undefined))?.token_endpoint;
    if (!endpoint) throw new ExchangeFailed(`no token endpoint for ${oauth.issuer}: set oauth.token_endpoint`);
    const body = new URLSearchParams({
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: subjectToken,
      subject_token_type: "urn:ietf:params:oauth:token-type:access_token",
      requested_token_type: "urn:ietf:params:oauth:token-type:access_token",
      audience: target.audience,
      // RFC 8707 resource as well: authorization servers that bind audiences by resource indicators read it.
      ...(/^https?:\/\//.test(target.audience) ? { resource: target.audience } : {}),
      ...(target.scopes.length ? { scope: target.scopes.join(" ") } : {}),
    });
    let res: Response;
    try {
      res = await fetchImpl(endpoint, {
        method: "POST",
        headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
        body,
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new ExchangeFailed(`the token endpoint is unreachable (${error instanceof Error ? error.message : error})`);
    }
    const doc = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok || typeof doc.access_token !== "string") {
      const why =
        typeof doc.error === "string"
          ? `${doc.error}${doc.error_description ? `: ${doc.error_description}` : ""}`
          : `HTTP ${res.status}`;
      throw new ExchangeFailed(`the issuer refused the token exchange for ${target.audience} (${why})`);
    }
    if (doc.access_token === subjectToken) throw new ExchangeFailed("the issuer answered with the user's own token");
    const lifetime = typeof doc.expires_in === "number" ? doc.expires_in * 1000 : 5 * 60_000;
    const token = { accessToken: doc.access_token, expiresAt: now + lifetime };
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(cacheKey, token);
    return token;
  };
}
