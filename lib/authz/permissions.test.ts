import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, type Action } from "./permissions";

const user = (...roles: ("ADMIN" | "APPROVER" | "AUDITOR" | "OWNER" | "VIEWER")[]) => ({
  type: "USER" as const,
  roles,
});

describe("permission table", () => {
  it.each<[Action, string, boolean]>([
    ["users.manage", "ADMIN", true],
    ["users.manage", "AUDITOR", false],
    ["users.read", "VIEWER", false],
    ["audit.read", "AUDITOR", true],
    ["audit.read", "VIEWER", false],
    ["audit.verify", "OWNER", false],
    ["approvals.vote", "APPROVER", true],
    ["approvals.vote", "ADMIN", false],
    ["tokens.manage", "APPROVER", false],
    ["dashboard.read", "VIEWER", true],
    ["reviews.viewAll", "AUDITOR", true],
    ["reviews.viewAll", "OWNER", false],
    ["servers.manage.any", "ADMIN", true],
    ["servers.manage.any", "OWNER", false],
    ["agents.manage.any", "OWNER", false],
  ])("%s for %s is %s", (action, role, expected) => {
    expect(can(user(role as "ADMIN"), action)).toBe(expected);
  });

  it("grants a user with several roles the union of them", () => {
    expect(can(user("VIEWER", "APPROVER"), "approvals.vote")).toBe(true);
    expect(can(user(), "dashboard.read")).toBe(false);
  });

  it("lets tokens act only through their scopes, never through roles", () => {
    expect(can({ type: "TOKEN", scopes: ["read"] }, "audit.read")).toBe(true);
    expect(can({ type: "TOKEN", scopes: ["decide", "ingest"] }, "audit.read")).toBe(false);
    expect(can({ type: "TOKEN", scopes: ["read"] }, "users.manage")).toBe(false);
    // A manifest token imports into any server; no token manages agents.
    expect(can({ type: "TOKEN", scopes: ["manifest"] }, "servers.manage.any")).toBe(true);
    expect(can({ type: "TOKEN", scopes: ["manifest", "read"] }, "agents.manage.any")).toBe(false);
  });

  it("lets only decide-scoped machines ask for decisions", () => {
    expect(can({ type: "TOKEN", scopes: ["decide"] }, "decisions.create")).toBe(true);
    expect(can(user("ADMIN"), "decisions.create")).toBe(false);
  });

  it("gives every action at least one role or scope, and ADMIN every console administration action", () => {
    for (const [action, rule] of Object.entries(PERMISSIONS)) {
      expect(rule.roles.length + ("scopes" in rule ? rule.scopes.length : 0), action).toBeGreaterThan(0);
    }
    for (const a of ["users.manage", "teams.manage", "tokens.manage", "settings.read"] as Action[]) {
      expect(can(user("ADMIN"), a)).toBe(true);
    }
  });
});
