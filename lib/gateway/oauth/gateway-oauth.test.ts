import { createServer, type Server as HttpServer } from "node:http";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { UnauthorizedError, type OAuthClientProvider } from "@modelcontextprotocol/sdk/client/auth.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import type { OAuthClientInformationMixed, OAuthTokens } from "@modelcontextprotocol/sdk/shared/auth.js";
import { decodeJwt, exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey } from "jose";
import Provider from "oidc-provider";
import { afterAll, beforeAll, expect, it } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { issueAgentCredential } from "@/lib/services/agent-credentials/issue-agent-credential";
import { setAgentIdentity } from "@/lib/services/agents/set-agent-identity";
import { createGrant } from "@/lib/services/grants/create-grant";
import { createToken } from "@/lib/services/tokens/create-token";
import { until } from "@/lib/testing/gateway-clients";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedTeam, seedUser } from "@/prisma/seed/factories";
import { seedReferenceServer } from "@/prisma/seed/gateway-fixture";
import { seedAgent } from "@/prisma/seed/registry-factories";
import { wardenApi } from "@/scripts/lib/warden-api";
import { ZGatewayConfig } from "../config";
import { startHttpGateway, type RunningGateway } from "../gateway";

const sys = systemActor("test");
const GW_PORT = 3395;
const OIDC_PORT = 3396;
const UPSTREAM_PORT = 3397;
const ISSUER = `http://127.0.0.1:${OIDC_PORT}`;
const PUBLIC_URL = `http://127.0.0.1:${GW_PORT}`;
const REDIRECT = "http://127.0.0.1:1/callback";
const EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
const WHOAMI = {
  name: "whoami",
  description: "Answers ok; the test records the Authorization header each request carried",
  inputSchema: { type: "object" as const, properties: {} },
  annotations: { readOnlyHint: true },
};

/**
 * A real streamable HTTP MCP server that records the Authorization header of every request it gets. Each
 * initialize opens a session of its own, as the gateway opens one upstream session per agent session.
 */
function recordingUpstream() {
  const seen: { method: string; authorization?: string }[] = [];
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const openSession = async () => {
    const server = new Server({ name: "files", version: "1.0.0" }, { capabilities: { tools: {} } });
    server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [WHOAMI] }));
    server.setRequestHandler(CallToolRequestSchema, async () => ({ content: [{ type: "text", text: "ok" }] }));
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      enableJsonResponse: true,
      onsessioninitialized: (id) => void sessions.set(id, transport),
      onsessionclosed: (id) => void sessions.delete(id),
    });
    await server.connect(transport);
    return transport;
  };
  const http = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : undefined;
    seen.push({ method: body?.method ?? req.method, authorization: req.headers.authorization });
    const id = req.headers["mcp-session-id"];
    const transport = typeof id === "string" ? sessions.get(id) : await openSession();
    if (!transport) return void res.writeHead(404).end();
    await transport.handleRequest(req, res, body);
  });
  return {
    seen,
    http,
    start: () => new Promise<void>((r) => http.listen(UPSTREAM_PORT, "127.0.0.1", r)),
  };
}

/**
 * The MCP authorization flow end to end (MCP 2025-11-25, Authorization): panva's oidc-provider as the
 * company's IdP (resource indicators, JWT access tokens, a token-exchange grant), the real gateway in front
 * of a real HTTP MCP server, Warden's real machine API, and the SDK client's own OAuth support.
 */
describeWithDatabase("Gateway OAuth: discovery, sign-in, verified users, token exchange", () => {
  const warden = wardenApi(0);
  const upstream = recordingUpstream();
  let idp: HttpServer;
  let gw: RunningGateway;
  let keys: { privateKey: CryptoKey; kid: string };
  let w: Awaited<ReturnType<typeof seed>>;
  let exchanges = 0;

  async function seed() {
    const team = await seedTeam();
    const alice = await seedUser({ roles: ["VIEWER"] });
    const server = await seedReferenceServer("everything", {
      slug: `files-${team.slug}`,
      ownerTeamId: team.id,
      tools: [WHOAMI],
    });
    const agent = await seedAgent({ teamId: team.id });
    await setAgentIdentity(sys, agent.id, { oauthClientId: "mcp-client" });
    await createGrant(sys, {
      agentId: agent.id,
      serverId: server.id,
      allowedTools: ["whoami"],
      allowedOperations: ["read"],
    });
    // A static credential of an agent that is not trusted to assert users.
    const headless = await seedAgent({ teamId: team.id });
    await createGrant(sys, {
      agentId: headless.id,
      serverId: server.id,
      allowedTools: ["whoami"],
      allowedOperations: ["read"],
    });
    // Alice signs in to the console through this IdP: her identity (issuer, subject) names her at the gateway.
    await db().ssoIdentity.create({ data: { issuer: ISSUER, subject: "alice", userId: alice.id, linkedBy: "ADMIN" } });
    const token = await createToken(sys, {
      name: `gw-${team.slug}`,
      scopes: ["bundle", "decide", "ingest", "manifest"],
      expiresInDays: 1,
    });
    return {
      team,
      alice,
      server,
      agent,
      token: token.token,
      headlessKey: (await issueAgentCredential(sys, headless.id)).secret,
    };
  }

  async function startIdp() {
    const pair = await generateKeyPair("RS256", { extractable: true });
    keys = { privateKey: pair.privateKey, kid: "idp-1" };
    const jwk = { ...(await exportJWK(pair.privateKey)), kid: keys.kid, alg: "RS256", use: "sig" };
    const provider = new Provider(ISSUER, {
      jwks: { keys: [jwk] },
      clients: [
        {
          client_id: "mcp-client",
          token_endpoint_auth_method: "none",
          redirect_uris: [REDIRECT],
          grant_types: ["authorization_code"],
          response_types: ["code"],
        },
        {
          client_id: "warden-gateway",
          client_secret: "gateway-secret",
          redirect_uris: [],
          response_types: [],
          grant_types: [EXCHANGE],
        },
      ],
      scopes: ["openid"],
      features: {
        devInteractions: { enabled: true },
        resourceIndicators: {
          enabled: true,
          defaultResource: () => undefined as unknown as string,
          useGrantedResource: () => true,
          getResourceServerInfo: (_ctx, resource) => ({
            scope: "mcp",
            audience: resource,
            accessTokenTTL: 300,
            accessTokenFormat: "jwt",
            jwt: { sign: { alg: "RS256" } },
          }),
        },
      },
      cookies: { keys: ["gateway-oauth-test"] },
      async loadExistingGrant(ctx) {
        const { client, session, params } = ctx.oidc;
        if (!client || !session?.accountId) return undefined;
        const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
        grant.addOIDCScope("openid");
        if (typeof params?.resource === "string") grant.addResourceScope(params.resource, "mcp");
        await grant.save();
        return grant;
      },
      async findAccount(_ctx, sub) {
        return { accountId: sub, claims: () => ({ sub }) };
      },
    });
    // RFC 8693 at the IdP: the subject token must be one of its own, for the gateway; the new token names the upstream.
    provider.registerGrantType(
      EXCHANGE,
      async (ctx) => {
        exchanges++;
        const { subject_token: subject, audience } = ctx.oidc.params as Record<string, string>;
        const { payload } = await jwtVerify(subject, pair.publicKey, {
          issuer: ISSUER,
          audience: `${PUBLIC_URL}/mcp/${w.server.slug}`,
        });
        const access = await new SignJWT({
          client_id: ctx.oidc.client!.clientId,
          scope: "files",
          act: { sub: ctx.oidc.client!.clientId },
        })
          .setProtectedHeader({ alg: "RS256", kid: keys.kid })
          .setIssuer(ISSUER)
          .setSubject(payload.sub!)
          .setAudience(audience)
          .setExpirationTime("5m")
          .sign(pair.privateKey);
        ctx.body = {
          access_token: access,
          issued_token_type: "urn:ietf:params:oauth:token-type:access_token",
          token_type: "Bearer",
          expires_in: 300,
        };
      },
      ["subject_token", "subject_token_type", "audience", "requested_token_type", "scope"],
    );
    idp = provider.listen(OIDC_PORT, "127.0.0.1");
  }

  beforeAll(async () => {
    await warden.start();
    w = await seed();
    await startIdp();
    await upstream.start();
    const cfg = ZGatewayConfig.parse({
      warden: { url: warden.url, token: w.token },
      listen: `127.0.0.1:${GW_PORT}`,
      spool_dir: mkdtempSync(path.join(tmpdir(), "warden-oauth-")),
      ship_interval_ms: 100,
      public_url: PUBLIC_URL,
      oauth: { issuer: ISSUER, scopes: ["mcp"], client: { id: "warden-gateway", secret: "gateway-secret" } },
      upstreams: {
        [w.server.slug]: {
          url: `http://127.0.0.1:${UPSTREAM_PORT}/mcp`,
          auth: { mode: "token_exchange", audience: "files-api" },
        },
      },
    });
    gw = await startHttpGateway(cfg, () => {});
    await until(async () => (await fetch(`${gw.url}/healthz`)).ok || undefined, 30_000);
  }, 120_000);

  afterAll(async () => {
    await gw?.close();
    idp?.close();
    upstream.http.close();
    await warden.stop();
  });

  const resource = () => `${PUBLIC_URL}/mcp/${w.server.slug}`;

  /** Signs alice in at the IdP's dev login, as her browser would, and returns the code sent to the redirect URI. */
  async function signIn(authorizationUrl: URL): Promise<string> {
    const jar = new Map<string, string>();
    let url = authorizationUrl.toString();
    let init: RequestInit = {};
    for (let hop = 0; hop < 12; hop++) {
      const res = await fetch(url, {
        ...init,
        redirect: "manual",
        headers: { ...(init.headers ?? {}), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") },
      });
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(";");
        const i = pair.indexOf("=");
        jar.set(pair.slice(0, i), pair.slice(i + 1));
      }
      const location = res.headers.get("location");
      if (location) {
        const next = new URL(location, url);
        if (next.toString().startsWith(REDIRECT)) {
          const code = next.searchParams.get("code");
          if (!code) throw new Error(`no code: ${next}`);
          return code;
        }
        url = next.toString();
        init = {};
        continue;
      }
      // The dev interactions' pages: the login form, then (if the IdP asks) the consent form.
      const html = await res.text();
      const prompt = /name="prompt" value="(login|consent)"/.exec(html)?.[1];
      if (!prompt) throw new Error(`unexpected page at ${url}: ${html.slice(0, 300)}`);
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1] ?? url;
      url = new URL(action, url).toString();
      init = {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(
          prompt === "login" ? { prompt, login: "alice", password: "any" } : { prompt },
        ).toString(),
      };
    }
    throw new Error("the sign-in did not end at the redirect URI");
  }

  it("discovers the IdP from the 401, signs in with PKCE for this resource, and calls as the verified user", async () => {
    let tokens: OAuthTokens | undefined;
    let verifier = "";
    let authorizationUrl: URL | undefined;
    const provider: OAuthClientProvider = {
      redirectUrl: REDIRECT,
      clientMetadata: { redirect_uris: [REDIRECT], client_name: "test client", token_endpoint_auth_method: "none" },
      clientInformation: (): OAuthClientInformationMixed => ({ client_id: "mcp-client" }),
      tokens: () => tokens,
      saveTokens: (t) => void (tokens = t),
      redirectToAuthorization: (u) => void (authorizationUrl = u),
      saveCodeVerifier: (v) => void (verifier = v),
      codeVerifier: () => verifier,
    };
    const url = new URL(resource());
    const first = new StreamableHTTPClientTransport(url, { authProvider: provider });
    await expect(new Client({ name: "t", version: "1" }).connect(first)).rejects.toBeInstanceOf(UnauthorizedError);
    expect(authorizationUrl!.origin).toBe(ISSUER);
    expect(authorizationUrl!.searchParams.get("resource")).toBe(resource());
    expect(authorizationUrl!.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorizationUrl!.searchParams.get("scope")).toContain("mcp");
    await first.finishAuth(await signIn(authorizationUrl!));
    const userToken = tokens!.access_token;
    expect(decodeJwt(userToken)).toMatchObject({ aud: resource(), client_id: "mcp-client", sub: "alice" });

    const client = new Client({ name: "t", version: "1" });
    const transport = new StreamableHTTPClientTransport(url, { authProvider: provider });
    await client.connect(transport);
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(["whoami"]);
    expect(await client.callTool({ name: "whoami", arguments: {} })).toMatchObject({ content: [{ text: "ok" }] });
    await client.callTool({ name: "whoami", arguments: {} });
    await transport.terminateSession().catch(() => {});
    await client.close();

    // The upstream got the exchanged token on each call, and the user's own token never.
    const calls = upstream.seen.filter((s) => s.method === "tools/call");
    expect(calls).toHaveLength(2);
    for (const c of calls) {
      const token = c.authorization!.replace(/^Bearer /, "");
      expect(token).not.toBe(userToken);
      expect(decodeJwt(token)).toMatchObject({ sub: "alice", aud: "files-api", act: { sub: "warden-gateway" } });
    }
    expect(upstream.seen.some((s) => s.authorization?.includes(userToken))).toBe(false);
    expect(exchanges).toBe(1); // cached per user and upstream

    // The audit record names alice, verified.
    const { value: record } = await until(
      async () =>
        (await db().auditEvent.findFirst({
          where: { category: "TOOL_CALL", server: w.server.slug, outcome: "success" },
        })) ?? undefined,
      20_000,
    );
    expect(record).toMatchObject({ agent: w.agent.clientId, onBehalfOf: w.alice.email, userSource: "verified" });
  }, 120_000);

  const initialize = (authorization: string, extra: Record<string, string> = {}) =>
    fetch(resource(), {
      method: "POST",
      headers: {
        authorization,
        accept: "application/json, text/event-stream",
        "content-type": "application/json",
        ...extra,
      },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "initialize",
        params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } },
      }),
    });
  const token = (claims: Record<string, unknown>, key = keys.privateKey) =>
    new SignJWT({ client_id: "mcp-client", ...claims })
      .setProtectedHeader({ alg: "RS256", kid: keys.kid })
      .setIssuer((claims.iss as string) ?? ISSUER)
      .setSubject("alice")
      .setAudience((claims.aud as string) ?? resource())
      .setExpirationTime((claims.exp as number) ?? "5m")
      .sign(key);

  it("publishes RFC 9728 metadata and refuses tokens for another audience, expired, or from another issuer with 401", async () => {
    const meta = await fetch(`${PUBLIC_URL}/.well-known/oauth-protected-resource/mcp/${w.server.slug}`);
    expect(await meta.json()).toEqual({
      resource: resource(),
      authorization_servers: [ISSUER],
      bearer_methods_supported: ["header"],
      scopes_supported: ["mcp"],
      resource_name: `Warden gateway: ${w.server.slug}`,
    });
    const challenge = `resource_metadata="${PUBLIC_URL}/.well-known/oauth-protected-resource/mcp/${w.server.slug}", scope="mcp"`;
    const anonymous = await initialize("");
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toContain(challenge);
    expect((await initialize(`Bearer ${await token({})}`)).status).toBe(200);
    const other = await generateKeyPair("RS256");
    for (const [bad, why] of [
      [await token({ aud: `${PUBLIC_URL}/mcp/another` }), "another audience"],
      [await token({ exp: Math.floor(Date.now() / 1000) - 600 }), "expired"],
      [await token({ iss: "http://127.0.0.1:1" }), "another authorization server"],
      [await token({ iss: "http://127.0.0.1:1" }, other.privateKey), "signature does not verify"],
    ] as const) {
      const res = await initialize(`Bearer ${bad}`);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');
      expect((await res.json()).error.message).toContain(why);
    }
    const stranger = await initialize(`Bearer ${await token({ client_id: "unregistered-app" })}`);
    expect(stranger.status).toBe(403);
    expect((await stranger.json()).error.message).toMatch(/unregistered-app is not registered.*OAuth client id/);
  });

  it("narrows what an agent sees and calls to its token's warden: scopes, never widening its grants", async () => {
    const connect = async (scope: string) => {
      const client = new Client({ name: "scoped", version: "1" });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(resource()), {
          requestInit: { headers: { authorization: `Bearer ${await token({ scope })}` } },
        }),
      );
      return client;
    };
    const wide = await connect(`mcp warden:${w.server.slug}`);
    const narrow = await connect(`mcp warden:${w.server.slug}:another-tool`);
    try {
      expect((await wide.listTools()).tools.map((t) => t.name)).toEqual(["whoami"]);
      expect((await narrow.listTools()).tools).toEqual([]);
      await expect(narrow.callTool({ name: "whoami", arguments: {} })).rejects.toThrow(/scope_not_granted/);
    } finally {
      await Promise.all([wide.close(), narrow.close()]);
    }
  });

  it("refuses an asserted user from an agent not trusted to assert users, and serves it once trusted", async () => {
    const asserted = await initialize(`Bearer ${w.headlessKey}`, { "x-warden-on-behalf-of": "bob@corp.example" });
    expect(asserted.status).toBe(403);
    expect((await asserted.json()).error.message).toMatch(/may not name the user.*May assert users/);
    expect((await initialize(`Bearer ${w.headlessKey}`)).status).toBe(200);
    const withHeader = await initialize(`Bearer ${await token({})}`, { "x-warden-on-behalf-of": "bob@corp.example" });
    expect(withHeader.status).toBe(403);
  });
});
