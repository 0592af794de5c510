import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessTokenVerifier, MAX_HEADER_CHARS, TokenRefused } from "./access-token";
import { ZOAuthConfig } from "./config";

const RESOURCE = "https://gw.example/mcp/crm";
const b64 = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");

describe("access token validation (MCP 2025-11-25 Authorization › Token Handling)", () => {
  let jwks: Server;
  let issuer: string;
  let fetches = 0;
  let key: { privateKey: CryptoKey; publicKey: CryptoKey; jwk: JWK };
  let verify: ReturnType<typeof accessTokenVerifier>;

  beforeAll(async () => {
    const pair = await generateKeyPair("RS256", { extractable: true });
    key = { ...pair, jwk: { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" } };
    // A real key endpoint on loopback, counting how often the verifier comes for keys.
    jwks = createServer((_req, res) => {
      fetches++;
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [key.jwk] }));
    });
    await new Promise<void>((r) => jwks.listen(0, "127.0.0.1", r));
    issuer = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}`;
    const oauth = ZOAuthConfig.parse({ issuer, jwks_uri: `${issuer}/jwks` });
    verify = accessTokenVerifier(oauth, () => Promise.reject(new Error("not used")));
  });
  afterAll(() => new Promise((r) => jwks.close(r)));

  const sign = (claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}, pk = key.privateKey) =>
    new SignJWT({ client_id: "claude-code", scope: "mcp", ...claims })
      .setProtectedHeader({ alg: "RS256", kid: "k1", typ: "at+jwt", ...header })
      .setIssuer(typeof claims.iss === "string" ? claims.iss : issuer)
      .setSubject("alice-sub")
      .setAudience((claims.aud as string) ?? RESOURCE)
      .setIssuedAt()
      .setExpirationTime((claims.exp as number) ?? "5m")
      .sign(pk);
  const refused = async (token: string, why: RegExp) => {
    const error = await verify(token, [RESOURCE]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenRefused);
    expect((error as Error).message).toMatch(why);
  };

  it("accepts a token of this issuer, for this resource, and reads its client, subject and scopes", async () => {
    await expect(verify(await sign({ email: "alice@corp.example" }), [RESOURCE])).resolves.toMatchObject({
      issuer,
      subject: "alice-sub",
      clientId: "claude-code",
      email: "alice@corp.example",
      scopes: ["mcp"],
    });
  });

  it("refuses another audience, an expired token, another issuer, and a token without a client", async () => {
    await refused(await sign({ aud: "https://gw.example/mcp/other" }), /another audience/);
    await refused(await sign({ exp: Math.floor(Date.now() / 1000) - 120 }), /expired/);
    await refused(await sign({ iss: "https://evil.example" }), /another authorization server/);
    await refused(await sign({ client_id: undefined }), /no OAuth client/);
  });

  it("refuses alg none, HS256 keyed with the public key, a wrong kid, a huge header and bad base64", async () => {
    const good = await sign();
    const [, payload] = good.split(".");
    await refused(`${b64({ alg: "none", typ: "JWT" })}.${payload}.`, /not base64url|algorithm/);
    await refused(`${b64({ alg: "none" })}.${payload}.AAAA`, /algorithm "none"/);
    const pem = new TextEncoder().encode(await exportSPKI(key.publicKey));
    const hs = await new SignJWT({ client_id: "claude-code" })
      .setProtectedHeader({ alg: "HS256", kid: "k1" })
      .setIssuer(issuer)
      .setSubject("alice-sub")
      .setAudience(RESOURCE)
      .setExpirationTime("5m")
      .sign(pem);
    await refused(hs, /algorithm "HS256"/);
    const other = await generateKeyPair("RS256");
    await refused(await sign({}, { kid: "k2" }, other.privateKey), /no signing key/);
    await refused(await sign({}, {}, other.privateKey), /signature/);
    const before = fetches;
    await refused(`${b64({ alg: "RS256", pad: "x".repeat(MAX_HEADER_CHARS) })}.${payload}.AAAA`, /header is too large/);
    await refused(`${good.split(".")[0]}.${payload}!.AAAA`, /not base64url/);
    await refused(`${b64("not json")}.${payload}.AAAA`, /not JSON/);
    expect(fetches).toBe(before);
  });

  it("fetches the keys again for an unknown kid at most once per cooldown", async () => {
    const other = await generateKeyPair("RS256");
    const before = fetches;
    for (let i = 0; i < 10; i++)
      await refused(await sign({}, { kid: `rotated-${i}` }, other.privateKey), /no signing key/);
    expect(fetches - before).toBeLessThanOrEqual(1);
  });

  it("never accepts a malformed or tampered token (property)", async () => {
    const good = await sign();
    const [h, p, s] = good.split(".");
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.tuple(fc.string(), fc.string(), fc.string()).map((parts) => parts.join(".")),
          fc.json().map((header) => `${b64(header)}.${p}.${s}`),
          fc
            .record({ alg: fc.constantFrom("none", "HS256", "HS384", "HS512", "None", "", "RS256 ") })
            .map((header) => `${b64(header)}.${p}.${s}`),
          fc.json().map((payload) => `${h}.${b64(payload)}.${s}`),
          // One character changed anywhere but the signature's last, whose low bits base64url ignores.
          fc
            .nat({ max: good.length - 2 })
            .map((i) => `${good.slice(0, i)}${good[i] === "A" ? "B" : "A"}${good.slice(i + 1)}`),
        ),
        async (token) => {
          fc.pre(token !== good);
          const error = await verify(token, [RESOURCE]).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(TokenRefused);
        },
      ),
      { numRuns: 300 },
    );
  });
});
