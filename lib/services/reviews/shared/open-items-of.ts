import type { Tx } from "@/lib/db/tx";
import { openReviewers } from "../internal/open-reviewers";

/**
 * How many items each of these campaigns still holds for this user, counted now: what a review notification
 * says, so it never repeats a count that was true when it was sent. A campaign that has ended holds none.
 */
export async function openItemsOf(tx: Tx, userId: string, campaignIds: readonly string[]) {
  const open = new Map<string, number>();
  const active = await tx.reviewCampaign.findMany({
    where: { id: { in: [...new Set(campaignIds)] }, status: "ACTIVE" },
    select: { id: true },
  });
  for (const { id } of active) {
    const mine = (await openReviewers(tx, id)).find((r) => r.userId === userId);
    open.set(id, mine?.open ?? 0);
  }
  return open;
}
