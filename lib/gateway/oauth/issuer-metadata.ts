/** What the gateway reads of its authorization server's metadata (RFC 8414 / OpenID Connect Discovery). */
export type IssuerMetadata = { issuer: string; jwks_uri?: string; token_endpoint?: string };

const TIMEOUT_MS = 5_000;

/**
 * Fetches an issuer's metadata: RFC 8414 §3.1 (well-known suffix inserted before the path), then OpenID
 * Connect Discovery (suffix appended), as MCP 2025-11-25, Authorization › Authorization Server Metadata
 * Discovery lists them. The document must name the same issuer (RFC 8414 §3.3), or it is refused.
 */
export async function fetchIssuerMetadata(issuer: string, fetchImpl: typeof fetch = fetch): Promise<IssuerMetadata> {
  const url = new URL(issuer);
  const path = url.pathname.replace(/\/+$/, "");
  const candidates = [
    `${url.origin}/.well-known/oauth-authorization-server${path}`,
    `${url.origin}/.well-known/openid-configuration${path}`,
    `${url.origin}${path}/.well-known/openid-configuration`,
  ];
  const problems: string[] = [];
  for (const candidate of [...new Set(candidates)]) {
    try {
      const res = await fetchImpl(candidate, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: "error" });
      if (!res.ok) {
        problems.push(`${candidate}: HTTP ${res.status}`);
        continue;
      }
      const doc = (await res.json()) as Partial<IssuerMetadata>;
      if (doc.issuer !== issuer) throw new Error(`it names issuer ${JSON.stringify(doc.issuer)}, not ${issuer}`);
      return { issuer, jwks_uri: doc.jwks_uri, token_endpoint: doc.token_endpoint };
    } catch (error) {
      problems.push(`${candidate}: ${error instanceof Error ? error.message : error}`);
    }
  }
  throw new Error(`no authorization server metadata for ${issuer} (${problems.join("; ")})`);
}

/** The issuer's metadata, fetched once and again after a failure (never cached as a failure for long). */
export function issuerMetadataCache(issuer: string, fetchImpl?: typeof fetch) {
  let pending: Promise<IssuerMetadata> | null = null;
  return () => {
    pending ??= fetchIssuerMetadata(issuer, fetchImpl).catch((error) => {
      setTimeout(() => (pending = null), 5_000).unref();
      throw error;
    });
    return pending;
  };
}
