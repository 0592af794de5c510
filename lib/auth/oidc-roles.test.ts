import { describe, expect, it } from "vitest";
import { rolesFromGroups } from "./oidc-roles";

describe("OIDC group to role mapping", () => {
  const map = "sec-admins=ADMIN, sec-approvers=APPROVER,audit=AUDITOR";
  it("maps known groups, ignores unknown ones, and falls back to VIEWER", () => {
    expect(rolesFromGroups(["sec-admins", "audit", "random"], map).sort()).toEqual(["ADMIN", "AUDITOR"]);
    expect(rolesFromGroups("sec-approvers", map)).toEqual(["APPROVER"]);
    expect(rolesFromGroups(["nobody"], map)).toEqual(["VIEWER"]);
    expect(rolesFromGroups(undefined, map)).toEqual(["VIEWER"]);
  });
  it("refuses a malformed map rather than granting anything", () => {
    expect(() => rolesFromGroups(["x"], "x=SUPERUSER")).toThrow(/bad entry/);
  });
});
