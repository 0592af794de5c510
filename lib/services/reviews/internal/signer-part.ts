import type { Tx } from "@/lib/db/tx";

/**
 * What a person did in a campaign, from the audit log (an item reassigned twice keeps only its last
 * reassignment on the row): how many of its items they decided and how many reassignments they made.
 */
export async function partTaken(tx: Tx, campaignId: string, userId: string) {
  const [row] = await tx.$queryRaw<{ decided: number; reassigned: number }[]>`
    SELECT COUNT(*) FILTER (WHERE action = 'review.item_decided')::int AS decided,
      COUNT(*) FILTER (WHERE action = 'review.item_reassigned')::int AS reassigned
    FROM "AuditEvent"
    WHERE action IN ('review.item_decided', 'review.item_reassigned') AND "targetType" = 'ReviewItem'
      AND "actorType" = 'USER' AND "actorId" = ${userId}
      AND "targetId" IN (SELECT id::text FROM "ReviewItem" WHERE "campaignId" = ${campaignId}::uuid)`;
  return row ?? { decided: 0, reassigned: 0 };
}

/** Enabled ADMINs and AUDITORs other than `userId` who took no part in the campaign: independent signers. */
export async function independentSigners(tx: Tx, campaignId: string, userId: string) {
  const rows = await tx.$queryRaw<{ email: string }[]>`
    SELECT u.email FROM "User" u
    WHERE NOT u.disabled AND u.id <> ${userId}::uuid AND u.roles && ARRAY['ADMIN', 'AUDITOR']::"Role"[]
      AND NOT EXISTS (
        SELECT 1 FROM "AuditEvent" a
        WHERE a.action IN ('review.item_decided', 'review.item_reassigned') AND a."targetType" = 'ReviewItem'
          AND a."actorType" = 'USER' AND a."actorId" = u.id::text
          AND a."targetId" IN (SELECT id::text FROM "ReviewItem" WHERE "campaignId" = ${campaignId}::uuid))
    ORDER BY u.email`;
  return rows.map((r) => r.email);
}

/**
 * Whether this person may sign the campaign off: null if they took no part; their part and why it is
 * allowed (the campaign's settings, or nobody independent exists); or the barrier naming who may sign.
 */
export async function signerCheck(tx: Tx, campaign: { id: string; allowDeciderSignOff: boolean }, userId: string) {
  const part = await partTaken(tx, campaign.id, userId);
  if (part.decided === 0 && part.reassigned === 0) return null;
  if (campaign.allowDeciderSignOff)
    return {
      part: { ...part, allowedBecause: "the campaign's settings allow whoever decided or reassigned to sign off" },
    };
  const others = await independentSigners(tx, campaign.id, userId);
  if (others.length === 0)
    return { part: { ...part, allowedBecause: "no other ADMIN or AUDITOR who took no part in the campaign exists" } };
  const did = [
    part.decided ? `decided ${part.decided} item${part.decided === 1 ? "" : "s"}` : "",
    part.reassigned ? `made ${part.reassigned} reassignment${part.reassigned === 1 ? "" : "s"}` : "",
  ]
    .filter(Boolean)
    .join(" and ");
  return {
    barrier: `You ${did} in this campaign, so another ADMIN or AUDITOR signs it off (for example ${others.slice(0, 3).join(", ")})`,
  };
}
