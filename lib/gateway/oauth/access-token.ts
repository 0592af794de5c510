import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import type { OAuthConfig } from "./config";
import type { IssuerMetadata } from "./issuer-metadata";

/** What the gateway takes from a valid access token. */
export type AccessClaims = {
  issuer: string;
  subject: string;
  /** the OAuth client the token was issued to: `client_id` (RFC 9068 §2.2), else `azp`, `cid` or `appid` */
  clientId: string;
  email?: string;
  scopes: string[];
  expiresAt: number;
};

/** A token the gateway does not accept, and why (said in the 401's error_description). */
export class TokenRefused extends Error {}

/** Only asymmetric signatures: `none` and HS* (a shared secret, or a public key misused as one) are refused. */
export const ACCEPTED_ALGORITHMS = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
];
/** Checked before anything is decoded: a token is a header line, not a payload to parse at any size. */
export const MAX_TOKEN_CHARS = 8_192;
export const MAX_HEADER_CHARS = 1_024;

const B64URL = /^[A-Za-z0-9_-]+$/;

/** Whether a bearer value is shaped like a JWS compact serialisation (three base64url parts). */
export const looksLikeJwt = (token: string) => token.split(".").length === 3;

/**
 * The cheap checks before any decoding: size, shape, base64url, and a header that names an accepted
 * algorithm. jose checks these again; refusing here keeps a hostile token from costing a JWKS fetch.
 */
export function precheck(token: string): void {
  if (token.length > MAX_TOKEN_CHARS) throw new TokenRefused(`the token is longer than ${MAX_TOKEN_CHARS} characters`);
  const parts = token.split(".");
  if (parts.length !== 3) throw new TokenRefused("the token is not a signed JWT");
  if (parts[0].length > MAX_HEADER_CHARS) throw new TokenRefused("the token's header is too large");
  if (!parts.every((p) => B64URL.test(p))) throw new TokenRefused("the token is not base64url");
  let header: { alg?: unknown };
  try {
    header = JSON.parse(Buffer.from(parts[0], "base64url").toString("utf8"));
  } catch {
    throw new TokenRefused("the token's header is not JSON");
  }
  if (typeof header?.alg !== "string" || !ACCEPTED_ALGORITHMS.includes(header.alg))
    throw new TokenRefused(`the token's algorithm ${JSON.stringify(header?.alg)} is not accepted (asymmetric only)`);
}

const stringClaim = (p: JWTPayload, name: string) =>
  typeof p[name] === "string" && p[name] ? (p[name] as string) : undefined;

export function scopesOf(p: { scope?: unknown; scp?: unknown }): string[] {
  if (typeof p.scope === "string") return p.scope.split(" ").filter(Boolean);
  if (Array.isArray(p.scp)) return p.scp.filter((s): s is string => typeof s === "string");
  if (typeof p.scp === "string") return p.scp.split(" ").filter(Boolean);
  return [];
}

/** The claims the gateway needs, from a payload whose signature, issuer, audience and times were checked. */
export function claimsOf(p: JWTPayload & { scope?: unknown; scp?: unknown }, issuer: string): AccessClaims {
  // RFC 9068 `client_id`; OIDC `azp` (Keycloak, Entra ID v2); Okta's `cid`; Entra ID v1's `appid`.
  const clientId =
    stringClaim(p, "client_id") ?? stringClaim(p, "azp") ?? stringClaim(p, "cid") ?? stringClaim(p, "appid");
  if (!p.sub) throw new TokenRefused("the token has no subject (sub)");
  if (!clientId) throw new TokenRefused("the token names no OAuth client (client_id or azp)");
  if (typeof p.exp !== "number") throw new TokenRefused("the token has no expiry (exp)");
  return { issuer, subject: p.sub, clientId, email: stringClaim(p, "email"), scopes: scopesOf(p), expiresAt: p.exp };
}

/**
 * Validates JWT access tokens for this gateway's resources. MCP 2025-11-25, Authorization › Token Handling:
 * "MCP servers MUST validate that access tokens were issued specifically for them as the intended audience,
 * according to RFC 8707 Section 2"; › Access Token Usage: invalid or expired tokens MUST receive a 401.
 * The signing keys come from the issuer's JWKS, cached, refetched when a token names an unknown `kid`, at
 * most once per cooldown (jose's remote key set), so unknown kids cannot make the gateway hammer the IdP.
 */
export function accessTokenVerifier(oauth: OAuthConfig, metadata: () => Promise<IssuerMetadata>) {
  let keys: JWTVerifyGetKey | null = null;
  const keySet = async (): Promise<JWTVerifyGetKey> => {
    if (keys) return keys;
    const uri = oauth.jwks_uri ?? (await metadata()).jwks_uri;
    if (!uri) throw new Error(`the issuer ${oauth.issuer} publishes no jwks_uri; set oauth.jwks_uri`);
    keys = createRemoteJWKSet(new URL(uri), {
      cooldownDuration: 30_000,
      cacheMaxAge: 10 * 60_000,
      timeoutDuration: 5_000,
    });
    return keys;
  };

  /** The claims of `token` when it is valid for `audience` (the resource, or the configured audience). */
  return async function verify(token: string, audiences: string[]): Promise<AccessClaims> {
    precheck(token);
    const getKey = await keySet();
    try {
      const { payload } = await jwtVerify(token, getKey, {
        issuer: oauth.issuer,
        audience: audiences,
        algorithms: ACCEPTED_ALGORITHMS,
        clockTolerance: oauth.clock_skew_seconds,
        requiredClaims: ["exp", "sub"],
      });
      return claimsOf(payload, oauth.issuer);
    } catch (error) {
      if (error instanceof TokenRefused) throw error;
      // The IdP's keys out of reach is not the token's fault: the caller answers 503, and denies.
      if (
        error instanceof errors.JWKSTimeout ||
        error instanceof errors.JWKSInvalid ||
        !(error instanceof errors.JOSEError)
      )
        throw new Error(
          `the issuer's signing keys could not be fetched (${error instanceof Error ? error.message : error})`,
        );
      throw new TokenRefused(refusalOf(error));
    }
  };
}

function refusalOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "the token has expired";
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "aud") return "the token was issued for another audience (RFC 8707): ask for this resource";
    if (error.claim === "iss") return "the token was issued by another authorization server";
    if (error.claim === "nbf") return "the token is not valid yet";
    return `the token's ${error.claim} claim is not valid`;
  }
  if (error instanceof errors.JWKSNoMatchingKey) return "no signing key of the issuer matches the token's kid";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "the token's signature does not verify";
  if (error instanceof errors.JOSEAlgNotAllowed) return "the token's algorithm is not accepted";
  return `the token is not valid (${(error as Error).message})`;
}
