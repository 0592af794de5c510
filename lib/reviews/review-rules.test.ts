import { describe, expect, it } from "vitest";
import { assignReviewer, type Member } from "./assignment";
import { barredUserIds, collectConflicts, conflictKindsOf, describeConflict } from "./conflicts";
import { applyNarrowing, revokeDefaultWarning } from "./narrowing";
import { periodOf, scheduledStart } from "@/lib/schemas/period";
import { populationHash } from "./population-hash";
import { credentialRecommendations, grantRecommendations } from "./recommendations";
import { reminderStage } from "./reminder-stage";

const now = new Date("2026-12-01T12:00:00Z");
const DAY = 86_400_000;
const quiet = { lastUsedAt: new Date(now.getTime() - DAY), scopeDenials: 0, denialRules: [] };
const bounded = { allowedTools: ["query"], expiresAt: "2027-03-01T00:00:00.000Z" };

describe("review rules", () => {
  it("hashes a population independently of order, and differently when any item changes", () => {
    const a = { kind: "GRANT", subjectKey: "grant:a", snapshot: { tools: ["x"], maxRecords: 5 } };
    const b = { kind: "OWNERSHIP", subjectKey: "ownership:b", snapshot: { owner: "o@x" } };
    expect(populationHash([a, b])).toBe(populationHash([b, a]));
    expect(populationHash([a, b])).not.toBe(populationHash([{ ...a, snapshot: { tools: ["x"], maxRecords: 6 } }, b]));
    expect(populationHash([a])).not.toBe(populationHash([a, b]));
  });

  it("recommends revoking unused grants and nothing for a used, bounded one", () => {
    expect(grantRecommendations(bounded, quiet, now)).toEqual([]);
    expect(grantRecommendations(bounded, { ...quiet, lastUsedAt: null }, now)).toMatchObject([
      { text: "revoke: never used" },
    ]);
    const old = new Date(now.getTime() - 91 * DAY);
    expect(grantRecommendations(bounded, { ...quiet, lastUsedAt: old }, now)).toMatchObject([
      { code: "revoke", text: `revoke: unused since ${old.toISOString().slice(0, 10)}` },
    ]);
    expect(grantRecommendations(bounded, { ...quiet, lastUsedAt: new Date(now.getTime() - 89 * DAY) }, now)).toEqual(
      [],
    );
  });

  it("recommends a review after scope denials, and narrowing for wildcards or no expiry", () => {
    expect(
      grantRecommendations(bounded, { ...quiet, scopeDenials: 3, denialRules: ["record_limit"] }, now),
    ).toMatchObject([{ code: "review", text: "review: 3 denials", evidence: { denials: 3 } }]);
    expect(grantRecommendations({ allowedTools: ["crm_*"], expiresAt: null }, quiet, now)).toMatchObject([
      { code: "narrow", text: "narrow: wildcard crm_*, no expiry" },
    ]);
  });

  it("recommends rotating overdue credentials only", () => {
    expect(credentialRecommendations({ dueAt: new Date(now.getTime() - 3 * DAY) }, now)).toMatchObject([
      { code: "rotate", evidence: { overdueDays: 3 } },
    ]);
    expect(credentialRecommendations({ dueAt: new Date(now.getTime() + DAY) }, now)).toEqual([]);
    expect(credentialRecommendations({ dueAt: null }, now)).toEqual([]);
  });

  it("accepts only narrowing changes", () => {
    const grant = {
      allowedTools: ["crm_*", "get"],
      allowedOperations: ["read", "write"],
      maxRecords: 100,
      expiresAt: null,
    };
    expect(applyNarrowing(grant, { allowedTools: ["crm_read", "crm_*"], maxRecords: 10 }, now).widening).toEqual({});
    expect(Object.keys(applyNarrowing(grant, { allowedTools: ["*"] }, now).widening)).toEqual(["changes.allowedTools"]);
    expect(Object.keys(applyNarrowing(grant, { allowedOperations: ["delete"] }, now).widening)).toEqual([
      "changes.allowedOperations",
    ]);
    expect(Object.keys(applyNarrowing(grant, { expiresAt: new Date(now.getTime() - DAY) }, now).widening)).toEqual([
      "changes.expiresAt",
    ]);
    const limited = { ...grant, maxRecords: 10, expiresAt: new Date(now.getTime() + DAY) };
    expect(
      Object.keys(
        applyNarrowing(limited, { maxRecords: 11, expiresAt: new Date(now.getTime() + 2 * DAY) }, now).widening,
      ),
    ).toEqual(["changes.maxRecords", "changes.expiresAt"]);
  });

  it("warns about a REVOKE default only while more than half the grants are undecided", () => {
    expect(revokeDefaultWarning("REVOKE", 6, 10)).toMatch(/6 of 10 grants/);
    expect(revokeDefaultWarning("REVOKE", 5, 10)).toBeNull();
    expect(revokeDefaultWarning("KEEP", 10, 10)).toBeNull();
  });

  it("names periods and reminder stages", () => {
    expect(periodOf("QUARTERLY", now).period).toBe("2026-Q4");
    expect(periodOf("SEMI_ANNUAL", now).period).toBe("2026-H2");
    expect(periodOf("MONTHLY", now).period).toBe("2026-12");
    expect(periodOf("YEARLY", now).period).toBe("2026");
    expect(scheduledStart("QUARTERLY", 5, now).at.toISOString()).toBe("2026-10-05T00:00:00.000Z");
    const due = new Date(now.getTime() + 10 * DAY);
    expect(reminderStage(due, now)).toBe("14");
    expect(reminderStage(due, new Date(due.getTime() - 7 * DAY))).toBe("7");
    expect(reminderStage(due, new Date(due.getTime() - 3600_000))).toBe("1");
    expect(reminderStage(due, new Date(due.getTime() + DAY))).toMatch(/^overdue:/);
    expect(reminderStage(new Date(now.getTime() + 20 * DAY), now)).toBeNull();
  });

  it("collects each person's ties to an item, and bars them unless self-review is allowed", () => {
    const conflicts = collectConflicts([
      ["u1", "grantor"],
      ["u1", "owner"],
      [null, "registrar"],
      ["u2", "registrar"],
      [undefined, "server_owner"],
    ]);
    expect(conflicts).toEqual([
      { userId: "u1", kinds: ["owner", "grantor"] },
      { userId: "u2", kinds: ["registrar"] },
    ]);
    expect(barredUserIds(conflicts, false)).toEqual(["u1", "u2"]);
    expect(barredUserIds(conflicts, true)).toEqual([]);
    expect(conflictKindsOf(conflicts, "u1")).toEqual(["owner", "grantor"]);
    expect(conflictKindsOf(conflicts, "u3")).toEqual([]);
    expect(conflictKindsOf("garbage", "u1")).toEqual([]);
    const grant = { kind: "GRANT", snapshot: { agent: "bot-1" }, serverSlug: "crm" };
    expect(describeConflict(["owner", "registrar", "grantor"], grant)).toBe(
      "own the agent bot-1, registered the agent bot-1 and granted this access",
    );
    expect(describeConflict(["server_owner", "registrar"], { ...grant, kind: "OWNERSHIP" })).toBe(
      "are the primary owner of the server crm and registered the server crm",
    );
    expect(describeConflict(["grantor"], { ...grant, kind: "CREDENTIAL" })).toBe("added this credential");
  });

  it("assigns the next reviewer in line without a conflict: owner, owner team, ADMIN pool, else flagged", () => {
    const person = (id: string, roles: Member["roles"], disabled = false): Member => ({
      id,
      email: `${id}@x`,
      roles,
      disabled,
    });
    const server = { primaryOwner: { id: "o", email: "o@x", disabled: false }, team: { id: "t", slug: "team" } };
    const team = [person("o", ["OWNER"]), person("m", ["OWNER"]), person("v", ["VIEWER"])];
    const admins = [person("a", ["ADMIN"])];
    expect(assignReviewer(server, team, admins, [])).toMatchObject({ assigneeId: "o", assignment: "primary_owner" });
    expect(assignReviewer(server, team, admins, ["o"])).toMatchObject({
      assigneeId: null,
      assigneeTeamId: "t",
      assignment: "self_review_rerouted",
      selfReviewRerouted: true,
    });
    expect(assignReviewer(server, team, admins, ["o", "m"])).toMatchObject({
      assigneeTeamId: null,
      assignment: "admin_pool",
      reviewerOfRecordLabel: "pool:ADMIN",
      selfReviewRerouted: true,
    });
    for (const barred of [
      ["o", "m", "a"],
      ["o", "m"],
    ])
      expect(
        assignReviewer(server, team, barred.includes("a") ? admins : [person("a", ["ADMIN"], true)], barred),
      ).toMatchObject({ assigneeId: null, assigneeTeamId: null, assignment: "unassigned" });
    expect(assignReviewer({ primaryOwner: null, team: null }, [], admins, [])).toMatchObject({
      assignment: "admin_pool",
      selfReviewRerouted: false,
    });
  });
});
