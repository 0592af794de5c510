import Provider, { type Configuration } from "oidc-provider";

// A real OpenID Connect provider (panva's certified oidc-provider) for the SSO specs, on 127.0.0.1.
// Its claim rules are the defaults: the ID token carries only sub/iss/aud (and the protocol's own
// claims); email, email_verified, name and groups come from userinfo. Groups have a scope of their own.
// Specs register their accounts through PUT /test/accounts/:login and change them between sign-ins.
const port = Number(process.env.E2E_OIDC_PORT ?? 3110);
const wardenPort = Number(process.env.E2E_PORT ?? 3100);
const issuer = `http://127.0.0.1:${port}`;

type Claims = { email?: string; email_verified?: boolean; name?: string; groups?: string[] };
const accounts = new Map<string, Claims>();

const configuration: Configuration = {
  clients: [
    {
      client_id: process.env.E2E_OIDC_CLIENT_ID ?? "warden-e2e",
      client_secret: process.env.E2E_OIDC_CLIENT_SECRET ?? "warden-e2e-client-secret",
      redirect_uris: [`http://127.0.0.1:${wardenPort}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  scopes: ["openid", "email", "profile", "groups"],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["e2e-only-cookie-signing-key"] },
  // A first-party client: no consent screen, as most company IdPs configure their own apps.
  async loadExistingGrant(ctx) {
    const { client, session, params } = ctx.oidc;
    if (!client || !session?.accountId) return undefined;
    const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
    grant.addOIDCScope(String(params?.scope ?? "openid"));
    await grant.save();
    return grant;
  },
  async findAccount(_ctx, sub) {
    const claims = accounts.get(sub);
    if (!claims) return undefined;
    return { accountId: sub, claims: () => ({ sub, ...accounts.get(sub) }) };
  },
};

const provider = new Provider(issuer, configuration);

provider.use(async (ctx, next) => {
  const match = /^\/test\/accounts\/([^/]+)$/.exec(ctx.path);
  if (!match || ctx.method !== "PUT") return next();
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
  accounts.set(decodeURIComponent(match[1]), JSON.parse(Buffer.concat(chunks).toString("utf8")) as Claims);
  ctx.status = 204;
});

provider.listen(port, "127.0.0.1", () => console.log(`oidc-provider listening on ${issuer}`));
