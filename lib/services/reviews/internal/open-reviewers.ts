import type { Tx } from "@/lib/db/tx";

/**
 * Everyone with open items in a campaign, and how many: the assignee, or for items that fell back to a
 * team, each member who may review (a reviewing role, enabled, and no conflict with the item), and for
 * items in the ADMIN pool, each ADMIN with no conflict.
 */
export function openReviewers(tx: Tx, campaignId: string) {
  return tx.$queryRaw<{ userId: string; email: string; open: number }[]>`
    SELECT u.id AS "userId", u.email, COUNT(DISTINCT i.id)::int AS open
    FROM "ReviewItem" i
    JOIN "User" u ON u.id = i."assigneeId" OR (
      i."assigneeId" IS NULL
      AND NOT (u.id::text = ANY(i."conflictUserIds"))
      AND ((EXISTS (SELECT 1 FROM "TeamMember" m WHERE m."teamId" = i."assigneeTeamId" AND m."userId" = u.id)
          AND u.roles && ARRAY['ADMIN', 'APPROVER', 'OWNER']::"Role"[])
        OR (i."assigneeTeamId" IS NULL AND i.assignment = 'admin_pool' AND 'ADMIN' = ANY(u.roles))))
    WHERE i."campaignId" = ${campaignId}::uuid AND i.status = 'OPEN' AND NOT u.disabled
    GROUP BY u.id, u.email
    ORDER BY u.email`;
}
