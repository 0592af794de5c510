import type { Role } from "@/lib/generated/prisma/enums";

/** Roles whose holders may decide a review item (see "reviews.decide"). */
export const REVIEWER_ROLES: Role[] = ["ADMIN", "APPROVER", "OWNER"];

export type Member = { id: string; email: string; roles: Role[]; disabled: boolean };

export type Assignment = {
  reviewerOfRecordId: string | null;
  reviewerOfRecordLabel: string;
  assigneeId: string | null;
  assigneeTeamId: string | null;
  assignment: "primary_owner" | "owner_team" | "self_review_rerouted" | "unassigned";
  selfReviewRerouted: boolean;
};

/**
 * The server's primary owner reviews, unless they granted or registered the access themselves (or it
 * is their own ownership): then the owner team does, without them. With neither, an ADMIN must reassign.
 */
export function assignReviewer(
  server: {
    primaryOwner: { id: string; email: string; disabled: boolean } | null;
    team: { id: string; slug: string } | null;
  },
  teamMembers: Member[],
  conflicts: string[],
): Assignment {
  const owner = server.primaryOwner && !server.primaryOwner.disabled ? server.primaryOwner : null;
  const selfReview = owner !== null && conflicts.includes(owner.id);
  if (owner && !selfReview)
    return {
      reviewerOfRecordId: owner.id,
      reviewerOfRecordLabel: owner.email,
      assigneeId: owner.id,
      assigneeTeamId: null,
      assignment: "primary_owner",
      selfReviewRerouted: false,
    };
  const eligible = teamMembers.filter(
    (m) => !m.disabled && !conflicts.includes(m.id) && m.roles.some((r) => REVIEWER_ROLES.includes(r)),
  );
  if (server.team && eligible.length)
    return {
      reviewerOfRecordId: null,
      reviewerOfRecordLabel: `team:${server.team.slug}`,
      assigneeId: null,
      assigneeTeamId: server.team.id,
      assignment: selfReview ? "self_review_rerouted" : "owner_team",
      selfReviewRerouted: selfReview,
    };
  return {
    reviewerOfRecordId: null,
    reviewerOfRecordLabel: "unassigned",
    assigneeId: null,
    assigneeTeamId: null,
    assignment: selfReview ? "self_review_rerouted" : "unassigned",
    selfReviewRerouted: selfReview,
  };
}
