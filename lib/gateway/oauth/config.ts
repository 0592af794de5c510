import { z } from "zod";

const ZHttpUrl = (what: string) => z.url({ protocol: /^https?$/, error: `${what} must be an http(s) URL` });

/**
 * The authorization server the gateway trusts as a resource server (MCP 2025-11-25, Authorization):
 * the company's IdP. Access tokens are JWTs signed by its keys (jwks_uri, else its published metadata),
 * or opaque tokens checked at its introspection endpoint (RFC 7662) when one is configured.
 */
export const ZOAuthConfig = z.strictObject({
  /** the `iss` of access tokens, exactly as the IdP writes it */
  issuer: ZHttpUrl("oauth.issuer"),
  /** where its signing keys are; read from the issuer's metadata when unset */
  jwks_uri: ZHttpUrl("oauth.jwks_uri").optional(),
  /** its token endpoint, for token exchange; read from the issuer's metadata when unset */
  token_endpoint: ZHttpUrl("oauth.token_endpoint").optional(),
  /**
   * An audience the IdP writes for the whole gateway (an Okta custom authorization server's audience, an
   * Entra ID application ID URI). Without it, `aud` must be the resource itself: public_url + /mcp/<slug>.
   */
  audience: z.string().min(1).max(500).optional(),
  /** scopes a client asks for; advertised in the metadata and in the 401's WWW-Authenticate */
  scopes: z.array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, "a scope is one RFC 6749 scope token")).default([]),
  /** how far apart the IdP's clock and ours may be, for exp / nbf / iat */
  clock_skew_seconds: z.number().int().min(0).max(300).default(30),
  /** RFC 7662 introspection for opaque (non-JWT) access tokens, with the gateway's own client credentials */
  introspection: z
    .strictObject({
      url: ZHttpUrl("oauth.introspection.url"),
      client_id: z.string().min(1),
      client_secret: z.string().min(1),
    })
    .optional(),
  /** the gateway's own OAuth client at the IdP, for RFC 8693 token exchange (upstream auth.mode token_exchange) */
  client: z.strictObject({ id: z.string().min(1), secret: z.string().min(1) }).optional(),
});
export type OAuthConfig = z.infer<typeof ZOAuthConfig>;

/**
 * How the gateway authenticates to one HTTP upstream. `token_exchange`: a token for `audience`, obtained
 * per user by RFC 8693 token exchange with the user's own token as the subject token (which itself never
 * goes upstream: MCP 2025-11-25, Security Best Practices › Token Passthrough). `static`: the upstream's
 * configured headers, the same for every user.
 */
export const ZUpstreamAuth = z.discriminatedUnion("mode", [
  z.strictObject({
    mode: z.literal("token_exchange"),
    audience: z.string().min(1).max(500),
    scopes: z.array(z.string().min(1)).default([]),
  }),
  z.strictObject({ mode: z.literal("static") }),
]);
export type UpstreamAuth = z.infer<typeof ZUpstreamAuth>;
