import type { OAuthConfig } from "./config";

export const METADATA_PREFIX = "/.well-known/oauth-protected-resource";

/** The resource identifier of one upstream: the URL clients connect to (RFC 8707 §2, RFC 9728 §1.2). */
export const resourceOf = (publicUrl: string, slug: string) => `${publicUrl}/mcp/${slug}`;

/**
 * Where the metadata of a resource is: the well-known suffix inserted between host and path
 * (RFC 9728 §3.1), e.g. https://gw.example/.well-known/oauth-protected-resource/mcp/crm.
 */
export function metadataUrlOf(publicUrl: string, slug: string): string {
  const url = new URL(resourceOf(publicUrl, slug));
  return `${url.origin}${METADATA_PREFIX}${url.pathname}`;
}

/** The slug a well-known metadata path asks for, if it is one (the public URL may carry a path prefix). */
export function metadataSlugOf(pathname: string, publicUrl: string): string | undefined {
  const base = new URL(publicUrl).pathname.replace(/\/+$/, "");
  const m = new RegExp(
    `^${METADATA_PREFIX}${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/mcp/([a-z0-9][a-z0-9-]*)$`,
  ).exec(pathname);
  return m?.[1];
}

/**
 * RFC 9728 §2 protected resource metadata for one upstream. MCP 2025-11-25, Authorization ›
 * Authorization Server Discovery: "MCP servers MUST implement the OAuth 2.0 Protected Resource Metadata
 * (RFC9728) specification to indicate the locations of authorization servers."
 */
export function resourceMetadata(oauth: OAuthConfig, publicUrl: string, slug: string) {
  return {
    resource: resourceOf(publicUrl, slug),
    authorization_servers: [oauth.issuer],
    bearer_methods_supported: ["header"],
    ...(oauth.scopes.length ? { scopes_supported: oauth.scopes } : {}),
    resource_name: `Warden gateway: ${slug}`,
  };
}

const quote = (v: string) => `"${v.replace(/["\\]/g, "\\$&")}"`;

/**
 * The 401's challenge (RFC 6750 §3, RFC 9728 §5.1). MCP 2025-11-25, Authorization › Protected Resource
 * Metadata Discovery Requirements: servers MUST use the WWW-Authenticate header or the well-known URI,
 * and › Scope Selection Strategy: the header SHOULD carry `scope` with the scopes the resource needs.
 */
export function bearerChallenge(
  oauth: OAuthConfig | undefined,
  publicUrl: string | undefined,
  slug: string,
  error?: { code: "invalid_token" | "insufficient_scope"; description: string },
): string {
  const parts: string[] = [`realm=${quote("warden")}`];
  if (oauth && publicUrl) {
    parts.push(`resource_metadata=${quote(metadataUrlOf(publicUrl, slug))}`);
    if (oauth.scopes.length) parts.push(`scope=${quote(oauth.scopes.join(" "))}`);
  }
  if (error) {
    parts.push(`error=${quote(error.code)}`);
    // error_description is a quoted-string of printable ASCII (RFC 6750 §3).
    parts.push(`error_description=${quote(error.description.replace(/[^\x20-\x7e]/g, "?").slice(0, 300))}`);
  }
  return `Bearer ${parts.join(", ")}`;
}
