import { describe, expect, it } from "vitest";
import { parseEnv, sharedRateLimitStore } from "./env";

describe("environment", () => {
  it("treats an empty variable as unset: DATABASE_URL= means the embedded database", () => {
    const parsed = parseEnv({ DATABASE_URL: "", PGLITE_DIR: "" });
    expect(parsed.DATABASE_URL).toBeUndefined();
    expect(parsed.PGLITE_DIR).toBe(".data/pglite");
  });

  it("names every bad setting", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x", NEXTAUTH_SECRET: "short" })).toThrow(
      /DATABASE_URL: DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL\n {2}NEXTAUTH_SECRET: NEXTAUTH_SECRET must be at least 32 characters/,
    );
  });

  it("takes a read replica only beside a PostgreSQL primary, with a lag limit of 30 s by default", () => {
    expect(() => parseEnv({ DATABASE_REPLICA_URL: "postgresql://replica/warden" })).toThrow(
      /DATABASE_REPLICA_URL: DATABASE_REPLICA_URL needs DATABASE_URL: the embedded PGlite database has no replicas/,
    );
    expect(() =>
      parseEnv({ DATABASE_URL: "postgresql://primary/warden", DATABASE_REPLICA_URL: "mysql://replica/warden" }),
    ).toThrow(/DATABASE_REPLICA_URL must be a postgres:\/\/ or postgresql:\/\/ URL/);
    const parsed = parseEnv({
      DATABASE_URL: "postgresql://primary/warden",
      DATABASE_REPLICA_URL: "postgres://replica/w",
    });
    expect(parsed.DATABASE_REPLICA_URL).toBe("postgres://replica/w");
    expect(parsed.DATABASE_REPLICA_MAX_LAG_SECONDS).toBe(30);
    expect(() => parseEnv({ DATABASE_REPLICA_MAX_LAG_SECONDS: "0" })).toThrow(/DATABASE_REPLICA_MAX_LAG_SECONDS/);
  });

  it("switches password sign-in off only with SSO configured and a break-glass admin named", () => {
    expect(() => parseEnv({ WARDEN_PASSWORD_LOGIN: "off" })).toThrow(
      /WARDEN_PASSWORD_LOGIN: WARDEN_PASSWORD_LOGIN=off needs single sign-on[\s\S]*WARDEN_BREAK_GLASS_EMAIL: /,
    );
    const sso = { OIDC_ISSUER: "https://idp.example", OIDC_CLIENT_ID: "warden", OIDC_CLIENT_SECRET: "s" };
    const parsed = parseEnv({ ...sso, WARDEN_PASSWORD_LOGIN: "off", WARDEN_BREAK_GLASS_EMAIL: " Root@Corp.Example " });
    expect(parsed.WARDEN_BREAK_GLASS_EMAIL).toBe("root@corp.example");
    expect(parsed.OIDC_SCOPES).toBe("openid email profile");
    expect(parsed.OIDC_SESSION_MAX_AGE_MINUTES).toBe(60);
    expect(() => parseEnv({ OIDC_SCOPES: "email groups" })).toThrow(/OIDC_SCOPES must include openid/);
  });

  it("refuses an outbound allow-list entry that is not a CIDR, an address or host:port", () => {
    expect(parseEnv({ WARDEN_OUTBOUND_ALLOW: "10.0.0.0/8, siem.corp:6514" }).WARDEN_OUTBOUND_ALLOW).toBeDefined();
    expect(() => parseEnv({ WARDEN_OUTBOUND_ALLOW: "10.0.0.0/8,siem.corp" })).toThrow(
      /WARDEN_OUTBOUND_ALLOW: .*not a CIDR, an address or host:port: siem\.corp/,
    );
  });

  it("shares rate limits through Redis when set, else PostgreSQL when the console runs on it, unless off", () => {
    const redis = { WARDEN_REDIS_URL: "redis://127.0.0.1:6379" };
    const on = (source: Record<string, string>, database: "pglite" | "postgres") =>
      sharedRateLimitStore(parseEnv(source), database);
    expect([on({}, "postgres"), on({}, "pglite"), on(redis, "postgres"), on(redis, "pglite")]).toEqual([
      "postgres",
      null,
      "redis",
      "redis",
    ]);
    expect(on({ WARDEN_SHARED_RATE_LIMITS: "off", ...redis }, "postgres")).toBeNull();
    expect(on({ WARDEN_SHARED_RATE_LIMITS: "postgres" }, "postgres")).toBe("postgres");
    // Gateways count in Redis whenever it is set: consoles counting in PostgreSQL beside them would split each limit.
    expect(() => parseEnv({ WARDEN_SHARED_RATE_LIMITS: "postgres", ...redis })).toThrow(/two pools/);
    expect(on({ WARDEN_SHARED_RATE_LIMITS: "redis", ...redis }, "pglite")).toBe("redis");
    expect(() => parseEnv({ WARDEN_SHARED_RATE_LIMITS: "redis" })).toThrow(/=redis needs WARDEN_REDIS_URL/);
    expect(() => parseEnv({ WARDEN_SHARED_RATE_LIMITS: "memory" })).toThrow(/WARDEN_SHARED_RATE_LIMITS/);
  });
});
