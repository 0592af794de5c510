import { expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedReviewWorld } from "@/prisma/seed/review-fixture";
import { listAuditEvents } from "@/lib/services/audit/list-audit-events";
import { createCampaign } from "@/lib/services/reviews/create-campaign";
import { decideReviewItem } from "@/lib/services/reviews/decide-review-item";
import { startCampaign } from "@/lib/services/reviews/start-campaign";
import { listNotifications } from "./list-notifications";

vi.setConfig({ testTimeout: 120_000 });

describeWithDatabase("access review notifications", () => {
  it("count the reviewer's open items now, not when they were sent, and stop counting once all are decided", async () => {
    const w = await seedReviewWorld();
    const draft = await createCampaign(w.admin, {
      period: "2026-Q4",
      scope: { teamIds: [w.team.id] },
      dueAt: new Date(Date.now() + 30 * 86_400_000),
    });
    await startCampaign(w.admin, draft.id);
    const before = await listNotifications(w.owner);
    const note = before.items.find((n) => n.link === `/reviews?campaign=${draft.id}`)!;
    expect(note.openItems).toBeGreaterThan(0);
    expect(note).toMatchObject({ needsAction: true, title: "Access review 2026-Q4" });
    expect(before.unread).toBeGreaterThan(0);

    // Every item decided, by whichever of the two team members may decide it.
    for (const item of await db().reviewItem.findMany({ where: { campaignId: draft.id, status: "OPEN" } })) {
      const by = item.conflictUserIds.includes(w.owner.id) ? w.mate : w.owner;
      await decideReviewItem(by, item.id, { decision: "CERTIFY", justification: "Still needed for support" });
    }
    const after = await listNotifications(w.owner);
    expect(after.items.find((n) => n.id === note.id)).toMatchObject({ openItems: 0, needsAction: false });
    expect(after.unread).toBe(before.unread - 1);

    // The decisions' audit rows name the review item, which still exists.
    const decided = await listAuditEvents(w.auditor, { q: "review.item_decided" });
    const rows = decided.events.filter((e) => e.action === "review.item_decided");
    expect(rows.length).toBeGreaterThan(0);
    for (const e of rows) expect(e.targetLabel).toMatch(/^review item 2026-Q4: /);
  });
});
