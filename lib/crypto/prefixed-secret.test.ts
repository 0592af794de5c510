import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AGENT_SECRET_PREFIX, API_TOKEN_PREFIX, hashSecret, newSecret, secretMatchesAny } from "./prefixed-secret";

describe("prefixed secrets", () => {
  it.each([API_TOKEN_PREFIX, AGENT_SECRET_PREFIX] as const)(
    "%s: 32 random bytes, their sha256 hex and a displayed prefix",
    (p) => {
      const { secret, secretHash, prefix } = newSecret(p);
      expect(secret).toMatch(new RegExp(`^${p}[A-Za-z0-9_-]{43}$`));
      expect(secretHash).toBe(createHash("sha256").update(secret).digest("hex"));
      expect(prefix).toBe(secret.slice(0, p.length + 6));
      expect(newSecret(p).secret).not.toBe(secret);
    },
  );

  it("keeps the formats tokens and agent credentials already have", () => {
    expect(API_TOKEN_PREFIX).toBe("wdn_");
    expect(AGENT_SECRET_PREFIX).toBe("wag_");
  });

  it("matches a secret against stored hashes only when one is its own", () => {
    const { secret, secretHash } = newSecret(API_TOKEN_PREFIX);
    expect(hashSecret(secret)).toBe(secretHash);
    expect(secretMatchesAny(secret, [hashSecret("other"), secretHash])).toBe(true);
    expect(secretMatchesAny(secret, [hashSecret("other")])).toBe(false);
    expect(secretMatchesAny(secret, [])).toBe(false);
    expect(secretMatchesAny(secret, ["abcd"])).toBe(false);
  });
});
