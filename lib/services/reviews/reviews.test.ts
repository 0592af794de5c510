import { expect, it, vi } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { verifyChain } from "@/lib/audit/verify-chain";
import { db } from "@/lib/db/client";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { gateway } from "@/prisma/seed/decision-fixture";
import { seedReviewWorld, type ReviewWorld } from "@/prisma/seed/review-fixture";
import { decideToolCall } from "@/lib/services/decisions/decide-tool-call";
import { createWebhook } from "@/lib/services/webhooks/create-webhook";
import { applyDueDefaults } from "./apply-due-defaults";
import { createScheduledCampaign } from "./create-scheduled-campaign";
import { sendReviewReminders } from "./send-review-reminders";
import { updateReviewSettings } from "./update-review-settings";
import { bulkCertifyItems } from "./bulk-certify-items";
import { createCampaign } from "./create-campaign";
import { decideReviewItem } from "./decide-review-item";
import { getCampaign } from "./get-campaign";
import { getCampaignEvidence } from "./get-campaign-evidence";
import { listReviewItems } from "./list-review-items";
import { reassignReviewItems } from "./reassign-review-items";
import { signOffCampaign } from "./sign-off-campaign";
import { startCampaign } from "./start-campaign";

// Each test builds a small organisation through the services and runs whole campaigns: give a busy CI room.
vi.setConfig({ testTimeout: 120_000 });

const DAY = 86_400_000;
// Tests may change the registry behind the services' back: that is what a drifted entitlement looks like.
const updateGrantForTest = (id: string, data: { maxRecords?: number; expiresAt?: null }) =>
  db().grant.update({ where: { id }, data });
const inDays = (n: number) => new Date(Date.now() + n * DAY);

async function launch(w: ReviewWorld, options: { period?: string; defaultAction?: "KEEP" | "REVOKE" } = {}) {
  const draft = await createCampaign(w.admin, {
    period: options.period ?? "2026-Q4",
    scope: { teamIds: [w.team.id] },
    dueAt: inDays(30),
    defaultAction: options.defaultAction,
  });
  const started = await startCampaign(w.admin, draft.id);
  const items = await db().reviewItem.findMany({ where: { campaignId: draft.id } });
  const grantItem = (grantId: string) => items.find((i) => i.grantId === grantId)!;
  return { campaign: started, items, grantItem };
}

const code = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: { code?: string }) => e.code ?? String(e),
  );

describeWithDatabase("access reviews", () => {
  it("freezes every grant, credential and ownership, with a population hash that is stable and changes with an item", async () => {
    const w = await seedReviewWorld();
    const a = await launch(w, { period: "2026-Q3" });
    expect(a.items.map((i) => i.kind).sort()).toEqual(["CREDENTIAL", "GRANT", "GRANT", "GRANT", "OWNERSHIP"]);
    expect(a.campaign).toMatchObject({ status: "ACTIVE", populationHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(a.campaign.populationQuery).toMatchObject({ scope: { teamIds: [w.team.id] }, grants: { status: "ACTIVE" } });
    const b = await launch(w, { period: "2026-Q4" });
    expect(b.campaign.populationHash).toBe(a.campaign.populationHash);
    await updateGrantForTest(w.unusedGrant.id, { maxRecords: 50 });
    const c = await launch(w, { period: "2026-12" });
    expect(c.campaign.populationHash).not.toBe(a.campaign.populationHash);
    const evidence = await getCampaignEvidence(w.auditor, c.campaign.id);
    expect(evidence.population).toMatchObject({ matches: true, count: 5, sha256: c.campaign.populationHash });
  });

  it("assigns the primary owner, reroutes self-granted access and ownership to the team, and refuses the self-reviewer", async () => {
    const w = await seedReviewWorld();
    const { items, grantItem } = await launch(w);
    expect(grantItem(w.usedGrant.id)).toMatchObject({ assigneeId: w.owner.id, assignment: "primary_owner" });
    const self = grantItem(w.selfGrant.id);
    expect(self).toMatchObject({
      assigneeId: null,
      assigneeTeamId: w.team.id,
      selfReviewRerouted: true,
      assignment: "self_review_rerouted",
      conflictUserIds: [w.owner.id],
    });
    expect(items.find((i) => i.kind === "OWNERSHIP")).toMatchObject({
      assigneeTeamId: w.team.id,
      selfReviewRerouted: true,
    });
    expect(await code(decideReviewItem(w.owner, self.id, { decision: "CERTIFY", justification: "mine" }))).toBe(
      "FORBIDDEN",
    );
    expect(
      await code(
        decideReviewItem(w.mate, grantItem(w.usedGrant.id).id, { decision: "CERTIFY", justification: "x y z" }),
      ),
    ).toBe("FORBIDDEN");
    await decideReviewItem(w.mate, self.id, { decision: "CERTIFY", justification: "Still needed for triage" });
    const mine = await listReviewItems(w.owner, { assignee: "me" });
    // The owner still sees the item they granted, with why it is not theirs to decide.
    expect(mine.find((i) => i.id === self.id)).toMatchObject({
      canDecide: false,
      conflict: "You granted this access: another reviewer decides it",
    });
    expect(mine.find((i) => i.id === grantItem(w.usedGrant.id).id)).toMatchObject({ canDecide: true, conflict: null });
    const evidence = await getCampaignEvidence(w.auditor, self.campaignId);
    expect(evidence.decisions.find((d) => d.itemId === self.id)).toMatchObject({
      reviewerOfRecord: `team:${w.team.slug}`,
      actualDecider: w.mate.email,
      selfReviewRerouted: true,
    });
  });

  it("lets an ADMIN reassign with a reason, never to someone who granted the access, and records it", async () => {
    const w = await seedReviewWorld();
    const { grantItem } = await launch(w);
    const item = grantItem(w.usedGrant.id);
    const self = grantItem(w.selfGrant.id);
    expect(
      await code(reassignReviewItems(w.owner, { itemIds: [item.id], assigneeId: w.mate.id, reason: "holiday" })),
    ).toBe("FORBIDDEN");
    expect(
      await code(reassignReviewItems(w.admin, { itemIds: [self.id], assigneeId: w.owner.id, reason: "holiday" })),
    ).toBe("UNPROCESSABLE");
    await reassignReviewItems(w.admin, { itemIds: [item.id], assigneeId: w.admin.id, reason: "Owner on leave" });
    expect(await code(decideReviewItem(w.owner, item.id, { decision: "CERTIFY", justification: "ok ok" }))).toBe(
      "FORBIDDEN",
    );
    await decideReviewItem(w.admin, item.id, { decision: "CERTIFY", justification: "Used daily by support" });
    const row = (await getCampaignEvidence(w.auditor, item.campaignId)).decisions.find((d) => d.itemId === item.id);
    expect(row).toMatchObject({
      reviewerOfRecord: w.owner.email,
      actualDecider: w.admin.email,
      reassigned: true,
      reassignedFrom: w.owner.email,
      reassignReason: "Owner on leave",
    });
  });

  it("recommends from the audit log: unused grants, scope denials, no expiry, overdue rotation", async () => {
    const w = await seedReviewWorld();
    await updateGrantForTest(w.usedGrant.id, { expiresAt: null });
    await decideToolCall(gateway, {
      agent: w.used.clientId,
      server: w.server.slug,
      tool: "query_records",
      arguments: { limit: 500 },
    });
    const { items, grantItem } = await launch(w);
    const codes = (grantId: string) => (grantItem(grantId).recommendations as { code: string }[]).map((r) => r.code);
    expect(codes(w.unusedGrant.id)).toEqual(["revoke"]);
    expect(grantItem(w.unusedGrant.id).recommendations).toMatchObject([{ text: "revoke: never used" }]);
    expect(codes(w.usedGrant.id)).toEqual(["review", "narrow"]);
    expect(grantItem(w.usedGrant.id).recommendations).toMatchObject([
      { text: "review: 1 denial", evidence: { rules: ["record_limit"] } },
      { text: "narrow: no expiry" },
    ]);
    expect(grantItem(w.usedGrant.id).lastUsedAt).not.toBeNull();
    expect(items.find((i) => i.kind === "CREDENTIAL")!.recommendations).toMatchObject([{ code: "rotate" }]);
    expect(items.find((i) => i.kind === "OWNERSHIP")!.recommendations).toEqual([]);
  });

  it("revokes the live grant in the decision's transaction: audited, proven by its sequence, denied on the next call", async () => {
    const w = await seedReviewWorld();
    const { grantItem } = await launch(w);
    const call = { agent: w.unused.clientId, server: w.server.slug, tool: "query_records", arguments: { limit: 5 } };
    expect((await decideToolCall(gateway, call)).decision).toBe("allow");
    expect(
      await code(decideReviewItem(w.owner, grantItem(w.unusedGrant.id).id, { decision: "REVOKE", justification: " " })),
    ).toBe("BAD_REQUEST");
    const decided = await decideReviewItem(w.owner, grantItem(w.unusedGrant.id).id, {
      decision: "REVOKE",
      justification: "Never used in 90 days",
    });
    expect(decided).toMatchObject({ status: "DECIDED", decision: "REVOKE", remediationSequence: expect.any(String) });
    expect(await decideToolCall(gateway, call)).toMatchObject({
      decision: "deny",
      reasons: [expect.stringMatching(/^no_grant/)],
    });
    const proof = await db().auditEvent.findFirstOrThrow({
      where: { sequence: BigInt(decided.remediationSequence!) },
    });
    expect(proof).toMatchObject({ action: "grant.revoked", targetId: w.unusedGrant.id, actorLabel: w.owner.email });
    expect(proof.occurredAt.toISOString()).toBe(decided.remediatedAt!.toISOString());
    expect(await verifyChain(db())).toMatchObject({ ok: true });
  });

  it("lets MODIFY narrow a grant but never widen it", async () => {
    const w = await seedReviewWorld();
    const { grantItem } = await launch(w);
    const id = grantItem(w.usedGrant.id).id;
    for (const changes of [
      { allowedTools: ["query_records", "delete_everything"] },
      { allowedOperations: ["read" as const, "admin" as const] },
      { maxRecords: 101 },
      { expiresAt: inDays(400) },
    ])
      expect(await code(decideReviewItem(w.owner, id, { decision: "MODIFY", justification: "tighten", changes }))).toBe(
        "UNPROCESSABLE",
      );
    expect((await db().reviewItem.findUniqueOrThrow({ where: { id } })).status).toBe("OPEN");
    const done = await decideReviewItem(w.owner, id, {
      decision: "MODIFY",
      justification: "Read only from now on",
      changes: { allowedTools: ["query_records"], allowedOperations: ["read"], maxRecords: 20 },
    });
    expect(done.remediationSequence).not.toBeNull();
    expect(await db().grant.findUniqueOrThrow({ where: { id: w.usedGrant.id } })).toMatchObject({
      status: "ACTIVE",
      allowedTools: ["query_records"],
      allowedOperations: ["read"],
      maxRecords: 20,
    });
    const call = { agent: w.used.clientId, server: w.server.slug, tool: "update_record", arguments: {} };
    expect((await decideToolCall(gateway, call)).decision).toBe("deny");
  });

  it("applies KEEP at the due date as exceptions, leaving access in place", async () => {
    const w = await seedReviewWorld();
    const { campaign, grantItem } = await launch(w);
    await decideReviewItem(w.owner, grantItem(w.usedGrant.id).id, { decision: "CERTIFY", justification: "in use" });
    // The sweep is org-wide: other campaigns in this database may fall due too, so look at this one.
    const open = () => db().reviewItem.count({ where: { campaignId: campaign.id, status: "OPEN" } });
    await applyDueDefaults(new Date(campaign.dueAt.getTime() - 1000));
    expect(await open()).toBe(4);
    const after = new Date(campaign.dueAt.getTime() + 1000);
    await applyDueDefaults(after);
    await applyDueDefaults(after);
    expect(await open()).toBe(0);
    expect(await db().auditEvent.count({ where: { action: "review.defaults_applied", targetId: campaign.id } })).toBe(
      1,
    );
    const unused = await db().reviewItem.findUniqueOrThrow({ where: { id: grantItem(w.unusedGrant.id).id } });
    expect(unused).toMatchObject({
      status: "DEFAULTED",
      decision: "KEEP",
      exception: true,
      decidedByLabel: "review-deadline",
    });
    expect((await db().grant.findUniqueOrThrow({ where: { id: w.unusedGrant.id } })).status).toBe("ACTIVE");
    const evidence = await getCampaignEvidence(w.auditor, campaign.id);
    expect(evidence.exceptions).toHaveLength(4);
    expect((await getCampaign(w.auditor, campaign.id)).progress).toMatchObject({
      open: 0,
      exceptions: 4,
      percent: 100,
    });
  });

  it("applies REVOKE at the due date through the same remediation, warning while it would remove over half the grants", async () => {
    const w = await seedReviewWorld();
    const { campaign, grantItem } = await launch(w, { defaultAction: "REVOKE" });
    expect(campaign.warnings).toEqual([expect.stringContaining("3 of 3 grants")]);
    await decideReviewItem(w.owner, grantItem(w.usedGrant.id).id, { decision: "CERTIFY", justification: "in use" });
    expect((await getCampaign(w.admin, campaign.id)).progress.warnings).toEqual([
      expect.stringContaining("2 of 3 grants"),
    ]);
    await decideReviewItem(w.mate, grantItem(w.selfGrant.id).id, { decision: "CERTIFY", justification: "in use" });
    expect((await getCampaign(w.admin, campaign.id)).progress.warnings).toEqual([]);
    await applyDueDefaults(new Date(campaign.dueAt.getTime() + 1000));
    const unused = await db().reviewItem.findUniqueOrThrow({ where: { id: grantItem(w.unusedGrant.id).id } });
    expect(unused).toMatchObject({ status: "DEFAULTED", decision: "REVOKE", exception: true });
    expect(unused.remediationSequence).not.toBeNull();
    expect((await db().grant.findUniqueOrThrow({ where: { id: w.unusedGrant.id } })).status).toBe("REVOKED");
    expect((await db().grant.findUniqueOrThrow({ where: { id: w.usedGrant.id } })).status).toBe("ACTIVE");
  });

  it("signs off only a campaign with no open items, and locks it", async () => {
    const w = await seedReviewWorld();
    const { campaign, items } = await launch(w);
    expect(await code(signOffCampaign(w.auditor, campaign.id, { statement: "Reviewed" }))).toBe("CONFLICT");
    expect(await code(signOffCampaign(w.owner, campaign.id, { statement: "Reviewed" }))).toBe("FORBIDDEN");
    await applyDueDefaults(new Date(campaign.dueAt.getTime() + 1000));
    const signed = await signOffCampaign(w.auditor, campaign.id, { statement: "Q4 access review complete" });
    expect(signed).toMatchObject({
      status: "COMPLETED",
      signedOffByLabel: w.auditor.email,
      signOffSequence: expect.any(String),
    });
    expect(await code(signOffCampaign(w.admin, campaign.id, { statement: "again" }))).toBe("CONFLICT");
    await db().reviewItem.update({ where: { id: items[0].id }, data: { status: "OPEN" } });
    expect(await code(decideReviewItem(w.owner, items[0].id, { decision: "CERTIFY", justification: "late" }))).toBe(
      "CONFLICT",
    );
    expect((await getCampaignEvidence(w.auditor, campaign.id)).signOff).toMatchObject({
      statement: "Q4 access review complete",
    });
  });

  it("records exactly one of two concurrent decisions on one item", async () => {
    const w = await seedReviewWorld();
    const { grantItem } = await launch(w);
    const id = grantItem(w.unusedGrant.id).id;
    const results = await Promise.all([
      code(decideReviewItem(w.owner, id, { decision: "REVOKE", justification: "unused" })),
      code(decideReviewItem(w.owner, id, { decision: "CERTIFY", justification: "keep it" })),
    ]);
    expect(results.sort()).toEqual(["CONFLICT", "ok"]);
    expect(await db().auditEvent.count({ where: { action: "review.item_decided", targetId: id } })).toBe(1);
  });

  it("bulk-certifies only unchanged, used items with no recommendation to look at", async () => {
    const w = await seedReviewWorld();
    const { grantItem } = await launch(w);
    const used = grantItem(w.usedGrant.id).id;
    const unused = grantItem(w.unusedGrant.id).id;
    const mine = await listReviewItems(w.owner, { assignee: "me" });
    expect(mine.find((i) => i.id === used)).toMatchObject({ bulkEligible: true, canDecide: true });
    expect(mine.find((i) => i.id === unused)).toMatchObject({ bulkEligible: false });
    const result = await bulkCertifyItems(w.owner, {
      itemIds: [used, unused],
      justification: "Quarterly check: in use",
    });
    expect(result.certified).toBe(1);
    expect(result.skipped).toEqual([{ id: unused, reason: expect.stringContaining("recommendation") }]);
  });

  it("refuses an empty population and a second campaign for the same period and scope", async () => {
    const w = await seedReviewWorld();
    const empty = await createCampaign(w.admin, {
      period: "2026-Q4",
      scope: { environments: ["STAGING"], teamIds: [w.team.id] },
      dueAt: inDays(10),
    });
    expect(await code(startCampaign(w.admin, empty.id))).toBe("UNPROCESSABLE");
    expect((await db().reviewCampaign.findUniqueOrThrow({ where: { id: empty.id } })).status).toBe("DRAFT");
    await launch(w);
    expect(
      await code(createCampaign(w.admin, { period: "2026-Q4", scope: { teamIds: [w.team.id] }, dueAt: inDays(10) })),
    ).toBe("CONFLICT");
    expect(await code(createCampaign(systemActor("x"), { period: "Q4", scope: {}, dueAt: inDays(10) }))).toBe(
      "BAD_REQUEST",
    );
  });

  it("reminds each reviewer once a day at 14, 7 and 1 days, not once per item, in-app and by webhook", async () => {
    const w = await seedReviewWorld();
    await createWebhook(w.admin, { name: "reviews", url: "https://hooks.corp.example/r", events: ["review.reminder"] });
    const { campaign } = await launch(w);
    const due = campaign.dueAt.getTime();
    const reminders = () =>
      db().notification.count({ where: { userId: w.owner.id, title: { contains: "Access review 2026-Q4 due in" } } });
    const deliveries = async () =>
      (await db().webhookDelivery.findMany({ where: { event: "review.reminder" } })).filter(
        (d) => (d.payload as { reviewer: string }).reviewer === w.owner.email,
      );
    await sendReviewReminders(new Date(due - 20 * DAY));
    expect(await reminders()).toBe(0);
    await sendReviewReminders(new Date(due - 10 * DAY));
    await sendReviewReminders(new Date(due - 10 * DAY + 3600_000));
    expect(await reminders()).toBe(1);
    await sendReviewReminders(new Date(due - 9 * DAY));
    expect(await reminders()).toBe(1);
    await sendReviewReminders(new Date(due - 6 * DAY));
    expect(await reminders()).toBe(2);
    const sent = await deliveries();
    expect(sent).toHaveLength(2);
    // The owner holds the two grants they did not give (the credential is their server's own access,
    // so their team reviews it): one reminder says so.
    expect(sent.map((d) => d.payload)).toContainEqual(
      expect.objectContaining({ openItems: 2, period: "2026-Q4", stage: "14" }),
    );
  });

  it("creates this period's campaign on the schedule once, however many instances run the clock", async () => {
    const w = await seedReviewWorld();
    await updateReviewSettings(w.admin, {
      scheduleEnabled: true,
      cadence: "YEARLY",
      dayOfPeriod: 1,
      dueInDays: 30,
      defaultAction: "KEEP",
      certifyNeedsJustification: true,
    });
    const now = new Date();
    const results = await Promise.all([createScheduledCampaign(now), createScheduledCampaign(now)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await createScheduledCampaign(now)).toBeNull();
    const made = await db().reviewCampaign.findMany({ where: { scheduled: true } });
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({
      status: "ACTIVE",
      period: String(now.getUTCFullYear()),
      createdByLabel: "review-schedule",
    });
  });
});
