import { can } from "@/lib/authz/permissions";
import type { Role } from "@/lib/generated/prisma/enums";

/** The reviewer of record of an item that fell through to the ADMINs. */
export const ADMIN_POOL_LABEL = "pool:ADMIN";

export type Member = { id: string; email: string; roles: Role[]; disabled: boolean };

export type Assignment = {
  reviewerOfRecordId: string | null;
  reviewerOfRecordLabel: string;
  assigneeId: string | null;
  assigneeTeamId: string | null;
  assignment: "primary_owner" | "owner_team" | "self_review_rerouted" | "admin_pool" | "unassigned";
  selfReviewRerouted: boolean;
};

const mayReview = (m: Member, barred: string[]) =>
  !m.disabled && !barred.includes(m.id) && can({ type: "USER", roles: m.roles }, "reviews.decide");

/**
 * Who reviews, next in line: the server's primary owner; unless they are barred (they own, registered
 * or granted the access, see ./conflicts), the owner team without the barred; then any ADMIN who is not
 * barred (the pool); with none of these, nobody: flagged "unassigned" for an ADMIN to reassign.
 */
export function assignReviewer(
  server: {
    primaryOwner: { id: string; email: string; disabled: boolean } | null;
    team: { id: string; slug: string } | null;
  },
  teamMembers: Member[],
  admins: Member[],
  barred: string[],
): Assignment {
  const owner = server.primaryOwner && !server.primaryOwner.disabled ? server.primaryOwner : null;
  const selfReview = owner !== null && barred.includes(owner.id);
  if (owner && !selfReview)
    return {
      reviewerOfRecordId: owner.id,
      reviewerOfRecordLabel: owner.email,
      assigneeId: owner.id,
      assigneeTeamId: null,
      assignment: "primary_owner",
      selfReviewRerouted: false,
    };
  const none = { reviewerOfRecordId: null, assigneeId: null, assigneeTeamId: null, selfReviewRerouted: selfReview };
  if (server.team && teamMembers.some((m) => mayReview(m, barred)))
    return {
      ...none,
      reviewerOfRecordLabel: `team:${server.team.slug}`,
      assigneeTeamId: server.team.id,
      assignment: selfReview ? "self_review_rerouted" : "owner_team",
    };
  if (admins.some((m) => m.roles.includes("ADMIN") && mayReview(m, barred)))
    return { ...none, reviewerOfRecordLabel: ADMIN_POOL_LABEL, assignment: "admin_pool" };
  return { ...none, reviewerOfRecordLabel: "unassigned", assignment: "unassigned" };
}

/** Who an item waits for, in words: the person, the fallback team, the ADMIN pool, or "unassigned". */
export function assigneeLabel(
  i: { assigneeId: string | null; assigneeTeamId: string | null; assignment: string },
  email: Map<string, string>,
  slug: Map<string, string>,
) {
  if (i.assigneeId) return email.get(i.assigneeId) ?? i.assigneeId;
  if (i.assigneeTeamId) return `team:${slug.get(i.assigneeTeamId) ?? i.assigneeTeamId}`;
  return i.assignment === "admin_pool" ? ADMIN_POOL_LABEL : "unassigned";
}
