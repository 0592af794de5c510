import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/schemas/parse";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { ZBulkCertifyInput, type TBulkCertifyInput } from "@/lib/schemas/review";
import { assertJustified } from "./internal/justification-rule";
import { withLiveTies } from "./internal/live-ties";
import { quietItem, unchangedSince } from "./internal/live-snapshots";
import { recordDecision } from "./internal/record-decision";
import { conflictBarrier, isAssignedTo, reviewerOf } from "./review-access";

/**
 * Certifies many items with one justification: only open items of an active campaign that are the
 * reviewer's own, unchanged since the campaign started and used. Others are skipped, with the reason.
 * An item the reviewer owns, registered or granted refuses the whole request (403): self-review is
 * never a skipped line in a batch.
 */
export async function bulkCertifyItems(actor: Actor, raw: TBulkCertifyInput, now = new Date()) {
  assertCan(actor, "reviews.decide");
  const input = parseWith(ZBulkCertifyInput, raw, "bulk certification");
  if (actor.type !== "USER") throw new AppError("FORBIDDEN", "Only a person can decide review items");
  return db().$transaction(
    async (tx) => {
      await assertJustified(tx, "CERTIFY", input.justification);
      const reviewer = await reviewerOf(tx, actor);
      const items = await withLiveTies(
        tx,
        await tx.reviewItem.findMany({ where: { id: { in: input.itemIds } }, include: { campaign: true } }),
      );
      const conflicted = items
        .filter((i) => i.status === "OPEN" && i.campaign.status === "ACTIVE")
        .map((i) => ({ i, barrier: conflictBarrier(i, actor.id) }))
        .filter((c) => c.barrier !== null);
      if (conflicted.length)
        throw new AppError(
          "FORBIDDEN",
          `Nothing certified: ${conflicted.map((c) => `${c.i.subjectKey}: ${c.barrier}`).join("; ")}`,
        );
      const skipped: { id: string; reason: string }[] = input.itemIds
        .filter((id) => !items.some((i) => i.id === id))
        .map((id) => ({ id, reason: "not found" }));
      const candidates = items.filter((i) => {
        const reason =
          i.campaign.status !== "ACTIVE"
            ? `campaign is ${i.campaign.status}`
            : i.status !== "OPEN"
              ? "already decided"
              : !isAssignedTo(i, reviewer)
                ? "not assigned to you"
                : !quietItem(i)
                  ? "has a recommendation to look at: decide it on its own"
                  : null;
        if (reason) skipped.push({ id: i.id, reason });
        return reason === null;
      });
      const unchanged = await unchangedSince(
        tx,
        candidates.map((i) => ({ ...i, startedAt: i.campaign.startedAt })),
      );
      let certified = 0;
      for (const { campaign, ...item } of candidates) {
        if (!unchanged.has(item.id)) {
          skipped.push({ id: item.id, reason: "changed since the campaign started: decide it on its own" });
          continue;
        }
        await recordDecision(
          tx,
          actor,
          item,
          campaign.period,
          { decision: "CERTIFY", justification: input.justification },
          now,
        );
        certified++;
      }
      return { certified, skipped };
    },
    { timeout: 60_000 },
  );
}
