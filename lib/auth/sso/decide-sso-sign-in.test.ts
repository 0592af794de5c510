import { describe, expect, it } from "vitest";
import type { SsoClaims } from "./claims";
import { decideSsoSignIn } from "./decide-sso-sign-in";

const ISSUER = "https://idp.corp.example";
const claims = (over: Partial<SsoClaims> = {}): SsoClaims => ({
  issuer: ISSUER,
  subject: "sub-1",
  email: "alice@corp.example",
  emailVerified: true,
  groups: [],
  ...over,
});
const account = (over: Partial<{ id: string; disabled: boolean; rolesManagedBy: string | null }> = {}) => ({
  id: "u-1",
  disabled: false,
  rolesManagedBy: null,
  ...over,
});

describe("SSO linking rules", () => {
  it("signs a linked identity in, and lets the provider set roles only on an account it manages", () => {
    expect(decideSsoSignIn(claims(), account({ rolesManagedBy: ISSUER }), null, ["ADMIN"])).toEqual({
      kind: "sign_in",
      userId: "u-1",
      roles: ["ADMIN"],
    });
    // A password account linked to SSO keeps the roles Warden gave it, whatever the groups say.
    expect(decideSsoSignIn(claims(), account(), null, ["VIEWER"])).toEqual({
      kind: "sign_in",
      userId: "u-1",
      roles: null,
    });
    // Managed by another issuer: this one does not touch its roles either.
    expect(
      decideSsoSignIn(claims(), account({ rolesManagedBy: "https://other.example" }), null, ["VIEWER"]),
    ).toMatchObject({ kind: "sign_in", roles: null });
  });

  it("never takes over an existing account by email: a verified match only offers a link", () => {
    expect(decideSsoSignIn(claims(), null, account({ id: "admin" }), ["VIEWER"])).toEqual({
      kind: "offer_link",
      userId: "admin",
    });
  });

  it("refuses an unverified or missing email, and never offers a link for it", () => {
    const existing = account({ id: "admin" });
    expect(decideSsoSignIn(claims({ emailVerified: false }), null, existing, ["VIEWER"])).toEqual({
      kind: "refuse",
      reason: "email_not_verified",
    });
    expect(decideSsoSignIn(claims({ email: undefined, emailVerified: false }), null, null, ["VIEWER"])).toEqual({
      kind: "refuse",
      reason: "no_email",
    });
  });

  it("provisions a new account only for a verified email nobody has", () => {
    expect(decideSsoSignIn(claims(), null, null, ["APPROVER"])).toEqual({ kind: "provision", roles: ["APPROVER"] });
    expect(decideSsoSignIn(claims({ emailVerified: false }), null, null, ["APPROVER"])).toMatchObject({
      kind: "refuse",
    });
  });

  it("keeps disabled accounts out, linked or matched", () => {
    expect(decideSsoSignIn(claims(), account({ disabled: true }), null, ["ADMIN"])).toMatchObject({
      kind: "refuse",
      reason: "disabled",
    });
    expect(decideSsoSignIn(claims(), null, account({ disabled: true }), ["ADMIN"])).toMatchObject({
      kind: "refuse",
      reason: "disabled",
    });
  });

  it("refuses rather than guess when the role map cannot be read", () => {
    expect(decideSsoSignIn(claims(), null, null, null)).toEqual({ kind: "refuse", reason: "bad_role_map" });
    expect(decideSsoSignIn(claims(), account({ rolesManagedBy: ISSUER }), null, null)).toMatchObject({
      reason: "bad_role_map",
    });
    // An account whose roles Warden sets does not need the map at all.
    expect(decideSsoSignIn(claims(), account(), null, null)).toMatchObject({ kind: "sign_in" });
  });
});
