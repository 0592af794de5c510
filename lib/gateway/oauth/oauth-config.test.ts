import { describe, expect, it } from "vitest";
import { parseGatewayConfig } from "../config";
import { bearerChallenge, metadataSlugOf, metadataUrlOf } from "./resource-metadata";
import { narrowByScopes } from "./scopes";

const NO_ENV = {} as NodeJS.ProcessEnv;
const base = `
warden: { url: http://127.0.0.1:3000, token: wdn_x }
upstreams:
  crm: { url: https://crm.internal/mcp, auth: { mode: token_exchange, audience: crm-api } }
`;

describe("gateway OAuth configuration (issue 25)", () => {
  it("says clearly what an OAuth configuration lacks", () => {
    expect(() => parseGatewayConfig(`${base}oauth: { issuer: https://idp.example }\n`, NO_ENV)).toThrow(
      /public_url: oauth needs public_url[\s\S]*upstreams\.crm\.auth: token_exchange needs oauth\.client/,
    );
    expect(() => parseGatewayConfig(`${base}public_url: ftp://x\noauth: { issuer: not-a-url }\n`, NO_ENV)).toThrow(
      /public_url: public_url must be an http\(s\) URL[\s\S]*oauth\.issuer: oauth\.issuer must be an http\(s\) URL/,
    );
    const ok = parseGatewayConfig(
      `${base}public_url: https://mcp.corp.example/\noauth: { issuer: https://idp.example, client: { id: gw, secret: s } }\n`,
      NO_ENV,
    );
    expect(ok).toMatchObject({ public_url: "https://mcp.corp.example", oauth: { clock_skew_seconds: 30, scopes: [] } });
  });

  it("names the metadata URL in the challenge, under a public URL with or without a path (RFC 9728 §3.1)", () => {
    const oauth = { issuer: "https://idp.example", scopes: ["mcp"], clock_skew_seconds: 30 };
    expect(metadataUrlOf("https://gw.example/base", "crm")).toBe(
      "https://gw.example/.well-known/oauth-protected-resource/base/mcp/crm",
    );
    expect(metadataSlugOf("/.well-known/oauth-protected-resource/base/mcp/crm", "https://gw.example/base")).toBe("crm");
    expect(metadataSlugOf("/.well-known/oauth-protected-resource/mcp/crm", "https://gw.example/base")).toBeUndefined();
    expect(bearerChallenge(oauth, "https://gw.example", "crm")).toBe(
      'Bearer realm="warden", resource_metadata="https://gw.example/.well-known/oauth-protected-resource/mcp/crm", scope="mcp"',
    );
    expect(bearerChallenge(undefined, undefined, "crm")).toBe('Bearer realm="warden"');
  });

  it("lets token scopes narrow a grant, never widen it", () => {
    const allow = { outcome: "allow", rule: "grant", reasons: [] } as never;
    const deny = { outcome: "deny" as const, rule: "no_grant", reasons: ["no_grant"] };
    expect(narrowByScopes(allow, ["openid", "mcp"], "crm", "query")).toBe(allow);
    expect(narrowByScopes(allow, ["warden:crm"], "crm", "query")).toBe(allow);
    expect(narrowByScopes(allow, ["warden:crm:query"], "crm", "query")).toBe(allow);
    expect(narrowByScopes(allow, ["warden:crm:query"], "crm", "delete")).toMatchObject({
      outcome: "deny",
      rule: "scope_not_granted",
    });
    expect(narrowByScopes(allow, ["warden:hr"], "crm", "query")).toMatchObject({ outcome: "deny" });
    expect(narrowByScopes(deny, ["warden:crm"], "crm", "query")).toBe(deny);
  });
});
