import { randomUUID } from "node:crypto";
import { createWriteStream, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parse } from "csv-parse/sync";
import { expect, it, vi } from "vitest";
import { systemActor, type UserActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { createAgent } from "@/lib/services/agents/create-agent";
import { createGrant } from "@/lib/services/grants/create-grant";
import { ingestEvents } from "@/lib/services/ingest/ingest-events";
import { buildReportPack } from "@/lib/services/reports/build-report-pack";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { unzipTo } from "@/lib/testing/unzip";
import { seedUser } from "@/prisma/seed/factories";
import { asUser, seedReviewWorld, type ReviewWorld } from "@/prisma/seed/review-fixture";
import { applyDueDefaults } from "./apply-due-defaults";
import { bulkCertifyItems } from "./bulk-certify-items";
import { createCampaign } from "./create-campaign";
import { decideReviewItem } from "./decide-review-item";
import { getCampaignEvidence } from "./get-campaign-evidence";
import { getReviewSettings } from "./get-review-settings";
import { openReviewers } from "./internal/open-reviewers";
import { listReviewItems } from "./list-review-items";
import { reassignReviewItems } from "./reassign-review-items";
import { signOffCampaign } from "./sign-off-campaign";
import { startCampaign } from "./start-campaign";
import { updateReviewSettings } from "./update-review-settings";

// Whole campaigns run through the services: give a busy CI room.
vi.setConfig({ testTimeout: 120_000 });

const DAY = 86_400_000;
const seeder = systemActor("seed");
const error = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: { code?: string; message?: string }) => `${e.code}: ${e.message}`,
  );

/** The review settings with both separation-of-duties toggles as given (the rest as the defaults). */
const settings = (admin: UserActor, sod: { allowOwnerSelfReview?: boolean; allowDeciderSignOff?: boolean }) =>
  updateReviewSettings(admin, { scheduleEnabled: false, dayOfPeriod: 1, dueInDays: 30, ...sod });

/**
 * On the review world's server, three agents whose people are tied to their grants:
 * - `owned`: owned by the server's primary owner (registered by the seed), used yesterday;
 * - `registered`: registered by the owner for their mate, who owns it: the whole team is tied;
 * - `adminRegistered`: registered by the admin for the owner, granted by the mate: team and admin tied.
 */
async function tiedWorld() {
  const w = await seedReviewWorld();
  const admin2 = asUser(await seedUser({ roles: ["ADMIN"] }));
  const approverFree = asUser(await seedUser({ roles: ["APPROVER"] }));
  const agent = (actor: UserActor | typeof seeder, ownerId: string) =>
    createAgent(actor, {
      name: `tied-${randomUUID().slice(0, 6)}`,
      clientId: `tied-${randomUUID()}`,
      teamId: w.team.id,
      ownerId,
    });
  const grant = (agentId: string, actor: UserActor | typeof seeder = seeder) =>
    createGrant(actor, {
      agentId,
      serverId: w.server.id,
      allowedTools: ["query_records"],
      allowedOperations: ["read"],
      maxRecords: 10,
      expiresAt: new Date(Date.now() + 100 * DAY),
    });
  const owned = await agent(seeder, w.owner.id);
  const registered = await agent(w.owner, w.mate.id);
  const adminRegistered = await agent(w.admin, w.owner.id);
  const grants = {
    owned: await grant(owned.id),
    registered: await grant(registered.id),
    adminRegistered: await grant(adminRegistered.id, w.mate),
  };
  await ingestEvents(systemActor("gateway"), [
    {
      timestamp: new Date(Date.now() - DAY),
      server: w.server.slug,
      tool: "query_records",
      agent: owned.clientId,
      outcome: "success",
      method: "tools/call",
    },
  ]);
  return { ...w, admin2, approverFree, owned, registered, adminRegistered, grants };
}

async function launch(w: ReviewWorld, period = "2026-Q4") {
  const draft = await createCampaign(w.admin, {
    period,
    scope: { teamIds: [w.team.id] },
    dueAt: new Date(Date.now() + 30 * DAY),
  });
  const campaign = await startCampaign(w.admin, draft.id);
  const items = await db().reviewItem.findMany({ where: { campaignId: draft.id } });
  return {
    campaign,
    items,
    grant: (grantId: string) => items.find((i) => i.grantId === grantId)!,
    credential: items.find((i) => i.kind === "CREDENTIAL")!,
    ownership: items.find((i) => i.kind === "OWNERSHIP")!,
  };
}

/** The review pack's files, unzipped: what an auditor takes away. */
async function pack(actor: UserActor, campaignId: string) {
  const dir = mkdtempSync(path.join(tmpdir(), "warden-sod-pack-"));
  await pipeline(
    (await buildReportPack(actor, "review", { campaignId })) as Readable,
    createWriteStream(path.join(dir, "pack.zip")),
  );
  await unzipTo(path.join(dir, "pack.zip"), dir);
  return {
    decisions: parse(readFileSync(path.join(dir, "decisions.csv")), { columns: true }) as Record<string, string>[],
    signOff: JSON.parse(readFileSync(path.join(dir, "sign-off.json"), "utf8")) as Record<string, unknown>,
  };
}

const justification = { decision: "CERTIFY" as const, justification: "Still needed for support" };

describeWithDatabase("separation of duties in access reviews", () => {
  it("assigns no item to its agent's owner or registrar, the server's owner or the grantor", async () => {
    const w = await tiedWorld();
    const c = await launch(w);
    // owner: the primary owner owns the agent, so the team (the mate) reviews its grant.
    expect(c.grant(w.grants.owned.id)).toMatchObject({
      assigneeId: null,
      assigneeTeamId: w.team.id,
      assignment: "self_review_rerouted",
      conflictUserIds: [w.owner.id],
      conflicts: [{ userId: w.owner.id, kinds: ["owner"] }],
    });
    // owner + registrar: the whole team is tied, so the ADMIN pool reviews it.
    expect(c.grant(w.grants.registered.id)).toMatchObject({
      assigneeId: null,
      assigneeTeamId: null,
      assignment: "admin_pool",
      reviewerOfRecordLabel: "pool:ADMIN",
      conflicts: expect.arrayContaining([
        { userId: w.mate.id, kinds: ["owner"] },
        { userId: w.owner.id, kinds: ["registrar"] },
      ]),
    });
    // owner, registrar (an ADMIN) and grantor: the pool without that ADMIN.
    expect(c.grant(w.grants.adminRegistered.id)).toMatchObject({
      assignment: "admin_pool",
      conflicts: expect.arrayContaining([
        { userId: w.owner.id, kinds: ["owner"] },
        { userId: w.admin.id, kinds: ["registrar"] },
        { userId: w.mate.id, kinds: ["grantor"] },
      ]),
    });
    // server_owner: the server's own credential and its ownership go to the team.
    for (const item of [c.credential, c.ownership])
      expect(item).toMatchObject({
        assigneeTeamId: w.team.id,
        conflictUserIds: [w.owner.id],
        conflicts: [{ userId: w.owner.id, kinds: ["server_owner"] }],
      });
    // Untied grants stay with the primary owner; the campaign froze the settings in force.
    expect(c.grant(w.usedGrant.id)).toMatchObject({ assigneeId: w.owner.id, assignment: "primary_owner" });
    expect(c.campaign).toMatchObject({ allowOwnerSelfReview: false, allowDeciderSignOff: false });
    // Reminders go to untied ADMINs for pool items, never to the tied one.
    const reviewers = await openReviewers(db(), c.campaign.id);
    expect(reviewers.find((r) => r.userId === w.admin2.id)?.open).toBe(2);
    expect(reviewers.find((r) => r.userId === w.admin.id)?.open).toBe(1);
    expect(reviewers.find((r) => r.userId === w.owner.id)?.open).toBe(2);
    expect(reviewers.find((r) => r.userId === w.mate.id)?.open).toBe(4);
  });

  it("refuses a decision by anyone tied to the item, naming the tie, and lets the untied reviewer decide", async () => {
    const w = await tiedWorld();
    const c = await launch(w);
    const cases: [UserActor, string, RegExp][] = [
      [w.owner, c.grant(w.grants.owned.id).id, /^FORBIDDEN: You own the agent tied-/],
      [w.owner, c.grant(w.grants.registered.id).id, /^FORBIDDEN: You registered the agent tied-/],
      [w.admin, c.grant(w.grants.adminRegistered.id).id, /^FORBIDDEN: You registered the agent tied-/],
      [w.mate, c.grant(w.grants.adminRegistered.id).id, /^FORBIDDEN: You granted this access/],
      [w.owner, c.credential.id, /^FORBIDDEN: You are the primary owner of the server srv-/],
      [w.owner, c.ownership.id, /^FORBIDDEN: You are the primary owner of the server srv-/],
    ];
    for (const [actor, id, message] of cases) {
      expect(await error(decideReviewItem(actor, id, justification))).toMatch(message);
      expect(await error(bulkCertifyItems(actor, { itemIds: [id], justification: "bulk" }))).toMatch(
        /^FORBIDDEN: Nothing certified: /,
      );
    }
    // A batch holding one tied item certifies nothing, and says which and why.
    const batch = await error(
      bulkCertifyItems(w.owner, { itemIds: [c.grant(w.usedGrant.id).id, c.credential.id], justification: "bulk" }),
    );
    expect(batch).toContain(`${c.credential.subjectKey}: You are the primary owner of the server ${w.server.slug}`);
    expect(await db().reviewItem.count({ where: { campaignId: c.campaign.id, status: { not: "OPEN" } } })).toBe(0);

    // The owner sees why the tied items are not theirs.
    const mine = await listReviewItems(w.owner, { assignee: "me", campaign: c.campaign.id });
    expect(mine.find((i) => i.id === c.credential.id)).toMatchObject({
      canDecide: false,
      conflict: expect.stringMatching(/^You are the primary owner of the server/),
    });
    // The untied do decide: the mate the team's items, the second ADMIN the pool's.
    await decideReviewItem(w.mate, c.grant(w.grants.owned.id).id, justification);
    await decideReviewItem(w.admin2, c.grant(w.grants.adminRegistered.id).id, justification);
    expect(await error(decideReviewItem(w.mate, c.grant(w.grants.registered.id).id, justification))).toMatch(
      /^FORBIDDEN: You own the agent/,
    );
    const pool = await listReviewItems(w.admin2, { assignee: "me", campaign: c.campaign.id });
    expect(pool.find((i) => i.id === c.grant(w.grants.registered.id).id)).toMatchObject({
      canDecide: true,
      assigneeLabel: "pool:ADMIN",
    });
    const evidence = await getCampaignEvidence(w.auditor, c.campaign.id);
    expect(evidence.decisions.every((d) => d.conflict === null)).toBe(true);
  });

  it("checks ties made after the start too: an agent handed to its reviewer, a server handed to a mate", async () => {
    const w = await tiedWorld();
    const c = await launch(w);
    const used = c.grant(w.usedGrant.id);
    expect(used).toMatchObject({ assigneeId: w.owner.id, conflictUserIds: [] });
    // Behind the services' back, as a transfer would: the reviewer now owns the agent.
    await db().agent.update({ where: { id: w.used.id }, data: { ownerId: w.owner.id } });
    expect(await error(decideReviewItem(w.owner, used.id, justification))).toMatch(/^FORBIDDEN: You own the agent/);
    expect(await error(bulkCertifyItems(w.owner, { itemIds: [used.id], justification: "bulk" }))).toMatch(
      /^FORBIDDEN: Nothing certified: .*You own the agent/,
    );
    await db().mcpServer.update({ where: { id: w.server.id }, data: { primaryOwnerId: w.mate.id } });
    expect(
      await error(reassignReviewItems(w.admin, { itemIds: [c.ownership.id], assigneeId: w.mate.id, reason: "cover" })),
    ).toMatch(/^UNPROCESSABLE: .*they are the primary owner of the server/);
    expect(await error(decideReviewItem(w.mate, c.credential.id, justification))).toMatch(
      /^FORBIDDEN: You are the primary owner of the server/,
    );
    expect(await db().reviewItem.count({ where: { campaignId: c.campaign.id, status: { not: "OPEN" } } })).toBe(0);
  });

  it("never reassigns an item to someone tied to it", async () => {
    const w = await tiedWorld();
    const c = await launch(w);
    const cases: [string, string, RegExp][] = [
      [c.grant(w.grants.owned.id).id, w.owner.id, /they own the agent tied-/],
      [c.grant(w.grants.registered.id).id, w.owner.id, /they registered the agent tied-/],
      [c.grant(w.grants.adminRegistered.id).id, w.mate.id, /they granted this access/],
      [c.credential.id, w.owner.id, /they are the primary owner of the server/],
      [c.grant(w.selfGrant.id).id, w.owner.id, /they granted this access/],
    ];
    for (const [id, to, message] of cases) {
      const e = await error(reassignReviewItems(w.admin, { itemIds: [id], assigneeId: to, reason: "holiday cover" }));
      expect(e).toMatch(/^UNPROCESSABLE: /);
      expect(e).toMatch(message);
    }
    expect(await db().reviewItem.count({ where: { campaignId: c.campaign.id, assignment: "reassigned" } })).toBe(0);
    await reassignReviewItems(w.admin, {
      itemIds: [c.grant(w.grants.registered.id).id],
      assigneeId: w.approverFree.id,
      reason: "An approver outside the team",
    });
  });

  it("where the campaign allows self-review, the tied decide and the evidence marks each such decision", async () => {
    const w = await tiedWorld();
    await settings(w.admin, { allowOwnerSelfReview: true });
    try {
      const c = await launch(w);
      expect(c.campaign).toMatchObject({ allowOwnerSelfReview: true });
      const owned = c.grant(w.grants.owned.id);
      expect(owned).toMatchObject({ assigneeId: w.owner.id, conflictUserIds: [], assignment: "primary_owner" });
      await decideReviewItem(w.owner, c.credential.id, justification);
      await decideReviewItem(w.owner, c.ownership.id, justification);
      expect(await bulkCertifyItems(w.owner, { itemIds: [owned.id], justification: "Used daily" })).toMatchObject({
        certified: 1,
      });
      await reassignReviewItems(w.admin, {
        itemIds: [c.grant(w.grants.adminRegistered.id).id],
        assigneeId: w.mate.id,
        reason: "The grantor knows it best",
      });
      await decideReviewItem(w.mate, c.grant(w.grants.adminRegistered.id).id, justification);
      await decideReviewItem(w.owner, c.grant(w.usedGrant.id).id, justification);
      const evidence = await getCampaignEvidence(w.auditor, c.campaign.id);
      const conflict = (id: string) => evidence.decisions.find((d) => d.itemId === id)!.conflict;
      expect(conflict(owned.id)).toBe("owner");
      expect(conflict(c.credential.id)).toBe("server_owner");
      expect(conflict(c.ownership.id)).toBe("server_owner");
      expect(conflict(c.grant(w.grants.adminRegistered.id).id)).toBe("grantor");
      expect(conflict(c.grant(w.usedGrant.id).id)).toBeNull();
      expect(evidence.campaign).toMatchObject({ allowOwnerSelfReview: true });
      const record = await db().auditEvent.findFirstOrThrow({
        where: { action: "review.item_decided", targetId: owned.id },
      });
      expect(record.attributes).toMatchObject({ conflict: "owner" });
      // The signed pack's decisions.csv carries the same marks.
      const rows = (await pack(w.auditor, c.campaign.id)).decisions;
      expect(rows.find((r) => r.itemId === owned.id)).toMatchObject({ conflict: "owner" });
      expect(rows.find((r) => r.itemId === c.credential.id)).toMatchObject({ conflict: "server_owner" });
      expect(rows.find((r) => r.itemId === c.grant(w.usedGrant.id).id)).toMatchObject({ conflict: "" });
    } finally {
      await settings(w.admin, {});
    }
  });

  it("settings: off by default, audited in the same change, and a running campaign keeps the ones it started with", async () => {
    const w = await tiedWorld();
    expect(await getReviewSettings(w.auditor)).toMatchObject({
      allowOwnerSelfReview: false,
      allowDeciderSignOff: false,
    });
    expect(await error(settings(w.owner, { allowOwnerSelfReview: true }))).toMatch(/^FORBIDDEN/);
    const c = await launch(w);
    await settings(w.admin, { allowOwnerSelfReview: true, allowDeciderSignOff: true });
    try {
      const change = await db().auditEvent.findFirstOrThrow({
        where: { action: "review.settings_updated", actorId: w.admin.id },
        orderBy: { sequence: "desc" },
      });
      expect(change.after).toMatchObject({ allowOwnerSelfReview: true, allowDeciderSignOff: true });
      expect(change.attributes).toMatchObject({
        separationOfDuties: ["allowOwnerSelfReview turned on", "allowDeciderSignOff turned on"],
      });
      // The campaign started before the change: the owner is still refused, the admin still may not sign.
      expect(await error(decideReviewItem(w.owner, c.credential.id, justification))).toMatch(/^FORBIDDEN: You are/);
      await reassignReviewItems(w.admin, {
        itemIds: [c.grant(w.usedGrant.id).id],
        assigneeId: w.admin.id,
        reason: "Owner away",
      });
      await decideReviewItem(w.admin, c.grant(w.usedGrant.id).id, justification);
      await applyDueDefaults(new Date(c.campaign.dueAt.getTime() + 1000));
      expect(await error(signOffCampaign(w.admin, c.campaign.id, { statement: "Done" }))).toMatch(
        /^FORBIDDEN: You decided 1 item and made 1 reassignment in this campaign/,
      );
    } finally {
      await settings(w.admin, {});
    }
  });

  it("whoever decided or reassigned cannot sign off while an independent ADMIN or AUDITOR exists", async () => {
    const w = await tiedWorld();
    const c = await launch(w);
    const used = c.grant(w.usedGrant.id);
    await reassignReviewItems(w.admin, { itemIds: [used.id], assigneeId: w.admin.id, reason: "Owner on leave" });
    await decideReviewItem(w.admin, used.id, justification);
    await reassignReviewItems(w.admin2, {
      itemIds: [c.grant(w.unusedGrant.id).id],
      assigneeId: w.mate.id,
      reason: "Mate knows it",
    });
    await applyDueDefaults(new Date(c.campaign.dueAt.getTime() + 1000));
    const admin = await error(signOffCampaign(w.admin, c.campaign.id, { statement: "Reviewed" }));
    expect(admin).toMatch(/^FORBIDDEN: You decided 1 item and made 1 reassignment in this campaign/);
    expect(admin).toContain("another ADMIN or AUDITOR signs it off");
    expect(await error(signOffCampaign(w.admin2, c.campaign.id, { statement: "Reviewed" }))).toMatch(
      /^FORBIDDEN: You made 1 reassignment in this campaign/,
    );
    const signed = await signOffCampaign(w.auditor, c.campaign.id, { statement: "Independent sign-off" });
    expect(signed).toMatchObject({ status: "COMPLETED", signOffConflict: null });
    expect((await getCampaignEvidence(w.auditor, c.campaign.id)).signOff).toMatchObject({ signerTookPart: null });
  });

  it("where the campaign allows it, a decider signs off and the sign-off record says so", async () => {
    const w = await tiedWorld();
    await settings(w.admin, { allowDeciderSignOff: true });
    try {
      const c = await launch(w);
      await reassignReviewItems(w.admin, {
        itemIds: [c.grant(w.usedGrant.id).id],
        assigneeId: w.admin.id,
        reason: "Owner on leave",
      });
      await decideReviewItem(w.admin, c.grant(w.usedGrant.id).id, justification);
      await applyDueDefaults(new Date(c.campaign.dueAt.getTime() + 1000));
      const signed = await signOffCampaign(w.admin, c.campaign.id, { statement: "Signed by the decider" });
      const part = {
        decided: 1,
        reassigned: 1,
        allowedBecause: expect.stringContaining("campaign's settings allow"),
      };
      expect(signed.signOffConflict).toMatchObject(part);
      expect((await getCampaignEvidence(w.auditor, c.campaign.id)).signOff).toMatchObject({ signerTookPart: part });
      const record = await db().auditEvent.findFirstOrThrow({ where: { sequence: BigInt(signed.signOffSequence!) } });
      expect(record.attributes).toMatchObject({ signerTookPart: part });
      expect((await pack(w.auditor, c.campaign.id)).signOff).toMatchObject({
        by: w.admin.email,
        signerTookPart: { decided: 1, reassigned: 1 },
      });
    } finally {
      await settings(w.admin, {});
    }
  });
});

describeWithDatabase("separation of duties with no one else to turn to", () => {
  it("flags an item nobody untied may review, and lets the only ADMIN sign off, saying why", async () => {
    const w = await tiedWorld();
    // Nobody else holds ADMIN or AUDITOR in this organisation.
    await db().user.updateMany({ where: { id: { in: [w.admin2.id, w.auditor.id] } }, data: { disabled: true } });
    const c = await launch(w);
    expect(c.grant(w.grants.adminRegistered.id)).toMatchObject({
      assigneeId: null,
      assigneeTeamId: null,
      assignment: "unassigned",
      selfReviewRerouted: true,
    });
    const started = await db().auditEvent.findFirstOrThrow({
      where: { action: "review.campaign_started", targetId: c.campaign.id },
    });
    expect(started.attributes).toMatchObject({ unassigned: 1, allowOwnerSelfReview: false });
    await decideReviewItem(w.admin, c.grant(w.grants.registered.id).id, justification);
    await applyDueDefaults(new Date(c.campaign.dueAt.getTime() + 1000));
    const signed = await signOffCampaign(w.admin, c.campaign.id, { statement: "Only admin" });
    expect(signed.signOffConflict).toMatchObject({
      decided: 1,
      reassigned: 0,
      allowedBecause: "no other ADMIN or AUDITOR who took no part in the campaign exists",
    });
  });
});
