import type { OAuthConfig } from "next-auth/providers/oauth";
import { env } from "@/lib/env";
import { readSsoClaims, type SsoClaims } from "./claims";

export function ssoEnabled(): boolean {
  const e = env();
  return Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET);
}

/**
 * The OpenID Connect provider: code flow with PKCE, state and nonce; the ID token is validated by
 * openid-client. Claims come from the ID token and from userinfo, because many providers (and
 * oidc-provider's defaults) put email and groups only in userinfo.
 */
export function ssoProvider(): OAuthConfig<SsoClaims> {
  const e = env();
  return {
    id: "oidc",
    name: "Single sign-on",
    type: "oauth",
    wellKnown: `${e.OIDC_ISSUER!.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: e.OIDC_SCOPES } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    userinfo: {
      async request({ tokens, client }) {
        // At run time this is openid-client's TokenSet, whose ID token openid-client has validated.
        const set = tokens as unknown as { claims(): Record<string, unknown>; access_token?: string };
        const userinfo =
          client.issuer.metadata.userinfo_endpoint && set.access_token ? await client.userinfo(set.access_token) : null;
        return readSsoClaims(set.claims(), userinfo, e.OIDC_GROUPS_CLAIM);
      },
    },
    profile: (claims) => ({ id: claims.subject, email: claims.email ?? null, name: claims.name ?? claims.email }),
  };
}
