import type { IncomingMessage } from "node:http";
import { hashSecret } from "@/lib/crypto/prefixed-secret";
import { identityKey, type LoadedBundle } from "@/lib/policy/bundle-codec";
import type { UserSource } from "@/lib/schemas/user-source";
import type { GatewayConfig } from "../config";
import { accessTokenVerifier, looksLikeJwt, TokenRefused, type AccessClaims } from "./access-token";
import { introspector } from "./introspection";
import { issuerMetadataCache, type IssuerMetadata } from "./issuer-metadata";
import { bearerChallenge, resourceOf } from "./resource-metadata";

export const ON_BEHALF_OF_HEADER = "x-warden-on-behalf-of";

/** The user a call is made for, and how the gateway knows: see lib/schemas/user-source.ts. */
export type CallerUser = {
  onBehalfOf?: string;
  userSource: UserSource;
  /** a verified user's own access token: only ever a subject token for token exchange, never forwarded */
  token?: string;
  tokenExpiresAt?: number;
  /** a verified user's issuer and subject, which per-user upstream tokens are cached by */
  subjectKey?: string;
  /** the token's scopes; they narrow the agent's grants (./scopes.ts) */
  scopes?: string[];
};

/**
 * Who is calling: the Warden agent, how it proved itself (a credential's hash, or an OAuth client id),
 * the user, and `key`, what a session is bound to.
 */
export type Principal = {
  agent: string;
  key: string;
  via: { credentialHash: string } | { oauthClientId: string };
  user: CallerUser;
};
export type AuthOutcome =
  | { ok: true; principal: Principal }
  | { ok: false; status: 401 | 403 | 503; message: string; headers: Record<string, string> };

const headerValue = (v: string | string[] | undefined) =>
  (Array.isArray(v) ? v[0] : v)?.trim().slice(0, 254) || undefined;

const agentsByOAuthClient = new WeakMap<object, Map<string, string>>();
/** The Warden agent registered for an OAuth client id (Agent.oauthClientId), from the bundle. */
function agentOfClient(bundle: LoadedBundle, clientId: string): string | undefined {
  let map = agentsByOAuthClient.get(bundle.snapshot.agents);
  if (!map) {
    map = new Map();
    for (const a of bundle.snapshot.agents.values()) if (a.oauthClientId) map.set(a.oauthClientId, a.clientId);
    agentsByOAuthClient.set(bundle.snapshot.agents, map);
  }
  return map.get(clientId);
}

/**
 * The user of a verified token: the Warden user linked to (issuer, subject) by the console's SSO, else the
 * token's email, else its subject as the IdP names it.
 */
export const userOfClaims = (bundle: LoadedBundle, c: AccessClaims) =>
  bundle.userByIdentity.get(identityKey(c.issuer, c.subject)) ?? c.email?.toLowerCase() ?? c.subject;

/**
 * Authenticates a request to /mcp/<slug>. Two kinds of bearer are accepted:
 * - a static agent credential (wag_…), for headless service agents. It may name a user in
 *   x-warden-on-behalf-of only when its agent is registered as asserting users; the user is then `asserted`.
 * - with `oauth` configured, an access token from the company's IdP, issued for this resource (MCP
 *   2025-11-25, Authorization › Token Handling; RFC 8707). Its client is the agent (by the agent's OAuth
 *   client id), its subject the `verified` user.
 * Anything else gets 401 with the RFC 9728 challenge that tells the client where to sign in.
 */
export function gatewayAuthenticator(config: Pick<GatewayConfig, "oauth" | "public_url">, fetchImpl?: typeof fetch) {
  const { oauth, public_url: publicUrl } = config;
  const metadata: () => Promise<IssuerMetadata> = oauth
    ? issuerMetadataCache(oauth.issuer, fetchImpl)
    : () => Promise.reject(new Error("no oauth issuer"));
  const verify = oauth ? accessTokenVerifier(oauth, metadata) : null;
  const introspect = oauth?.introspection ? introspector(oauth, fetchImpl) : null;

  const authenticate = async (req: IncomingMessage, slug: string, bundle: LoadedBundle): Promise<AuthOutcome> => {
    const challenge = (error?: { code: "invalid_token"; description: string }) => ({
      "www-authenticate": bearerChallenge(oauth, publicUrl, slug, error),
    });
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
    const named = headerValue(req.headers[ON_BEHALF_OF_HEADER]);
    if (!bearer)
      return {
        ok: false,
        status: 401,
        message: oauth ? "Sign in: this gateway needs an access token" : "Unknown or revoked agent credential",
        headers: challenge(),
      };

    const hash = hashSecret(bearer);
    const staticAgent = bundle.agentByCredentialHash.get(hash);
    if (staticAgent) {
      if (named && !bundle.snapshot.agents.get(staticAgent)?.assertsUsers)
        return {
          ok: false,
          status: 403,
          message: `Agent ${staticAgent} may not name the user it acts for (${ON_BEHALF_OF_HEADER}): an admin can allow it on the agent's page ("May assert users"), or the user signs in through OAuth`,
          headers: {},
        };
      return {
        ok: true,
        principal: {
          agent: staticAgent,
          key: `credential:${hash}`,
          via: { credentialHash: hash },
          user: named ? { onBehalfOf: named, userSource: "asserted" } : { userSource: "none" },
        },
      };
    }
    if (!oauth || !publicUrl)
      return { ok: false, status: 401, message: "Unknown or revoked agent credential", headers: challenge() };

    let claims: AccessClaims;
    try {
      const audiences = [resourceOf(publicUrl, slug), ...(oauth.audience ? [oauth.audience] : [])];
      if (looksLikeJwt(bearer)) claims = await verify!(bearer, audiences);
      else if (introspect) claims = await introspect(bearer, audiences);
      else throw new TokenRefused("not a JWT access token, nor a known agent credential");
    } catch (error) {
      if (error instanceof TokenRefused)
        return {
          ok: false,
          status: 401,
          message: `Invalid access token: ${error.message}`,
          headers: challenge({ code: "invalid_token", description: error.message }),
        };
      // Fail closed: a token that cannot be checked is not accepted.
      return {
        ok: false,
        status: 503,
        message: `The gateway cannot check access tokens right now: ${error instanceof Error ? error.message : error}`,
        headers: { "retry-after": "5" },
      };
    }
    if (named)
      return {
        ok: false,
        status: 403,
        message: `${ON_BEHALF_OF_HEADER} is not accepted with an access token: the user is the token's subject`,
        headers: {},
      };
    const agent = agentOfClient(bundle, claims.clientId);
    if (!agent)
      return {
        ok: false,
        status: 403,
        message: `OAuth client ${claims.clientId} is not registered with Warden: an admin registers it on an agent's page (Agents > the agent > OAuth client id = ${claims.clientId})`,
        headers: {},
      };
    return {
      ok: true,
      principal: {
        agent,
        key: `oauth:${claims.issuer}\n${claims.subject}\n${claims.clientId}`,
        via: { oauthClientId: claims.clientId },
        user: {
          onBehalfOf: userOfClaims(bundle, claims),
          userSource: "verified",
          token: bearer,
          subjectKey: identityKey(claims.issuer, claims.subject),
          tokenExpiresAt: claims.expiresAt,
          scopes: claims.scopes,
        },
      },
    };
  };
  return { authenticate, metadata };
}
