import { describe, expect, it } from "vitest";
import { readSsoClaims } from "./claims";

const id = { iss: "https://idp.example", sub: "s1", aud: "warden" };

describe("reading SSO claims from the ID token and userinfo", () => {
  it("takes email and groups from userinfo when the ID token has only sub, iss and aud", () => {
    const c = readSsoClaims(
      id,
      { sub: "s1", email: "Alice@Corp.Example", email_verified: true, name: "Alice", groups: ["g"] },
      "groups",
    );
    expect(c).toEqual({
      issuer: "https://idp.example",
      subject: "s1",
      email: "alice@corp.example",
      emailVerified: true,
      name: "Alice",
      groups: ["g"],
    });
  });

  it("reads email and email_verified as a pair from one source", () => {
    // The ID token vouches for another address: that flag says nothing about userinfo's email.
    const c = readSsoClaims(
      { ...id, email: "old@corp.example", email_verified: true },
      { sub: "s1", email: "new@corp.example" },
      "groups",
    );
    expect(c).toMatchObject({ email: "new@corp.example", emailVerified: false });
    expect(readSsoClaims({ ...id, email: "a@b.example", email_verified: "true" }, null, "groups")).toMatchObject({
      email: "a@b.example",
      emailVerified: true,
    });
    expect(readSsoClaims({ ...id, email_verified: true }, null, "groups").emailVerified).toBe(false);
  });

  it("refuses a userinfo response about another subject", () => {
    expect(() => readSsoClaims(id, { sub: "someone-else", email: "x@y.example" }, "groups")).toThrow(/another subject/);
    expect(() => readSsoClaims(id, { email: "x@y.example" }, "groups")).toThrow(/another subject/);
  });
});
