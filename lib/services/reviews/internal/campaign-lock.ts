import { canonicalJson } from "@/lib/crypto/canonical-json";
import type { Tx } from "@/lib/db/tx";
import type { TReviewScope } from "@/lib/schemas/review";

/** The scope in one canonical string: the same filters in any order are the same scope. */
export const scopeKey = (scope: TReviewScope) =>
  canonicalJson({
    environments: [...scope.environments].sort(),
    classifications: [...scope.classifications].sort(),
    teamIds: [...scope.teamIds].sort(),
  });

/** Serialises campaign creation for one period and scope across connections and instances. */
export async function lockPeriodScope(tx: Tx, period: string, key: string) {
  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`review:${period}:${key}`}))) AS l`;
}

/** Locks a campaign row for the rest of the transaction (start, sign-off, cancel, deadline). */
export async function lockCampaign(tx: Tx, id: string) {
  await tx.$queryRaw`SELECT id FROM "ReviewCampaign" WHERE id = ${id}::uuid FOR UPDATE`;
}
