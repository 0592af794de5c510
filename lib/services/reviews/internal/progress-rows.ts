import type { Tx } from "@/lib/db/tx";
import { ADMIN_POOL_LABEL } from "@/lib/reviews/assignment";
import type { ProgressRow } from "@/lib/reviews/progress";

/** One row per item with its current reviewer's name: as lib/reviews/assignment.ts assigneeLabel. */
export async function progressRows(tx: Tx, campaignIds: string[]): Promise<(ProgressRow & { campaignId: string })[]> {
  if (campaignIds.length === 0) return [];
  return tx.$queryRaw`
    SELECT i."campaignId", i.kind::text, i.status::text, i.decision::text, i.exception, i."serverSlug",
      COALESCE(u.email, 'team:' || t.slug, CASE WHEN i.assignment = 'admin_pool' THEN ${ADMIN_POOL_LABEL}::text END, 'unassigned')
        AS "assigneeLabel"
    FROM "ReviewItem" i
    LEFT JOIN "User" u ON u.id = i."assigneeId"
    LEFT JOIN "Team" t ON t.id = i."assigneeTeamId"
    WHERE i."campaignId" IN (SELECT (json_array_elements_text(${JSON.stringify(campaignIds)}::json))::uuid)`;
}
