import { AppError } from "@/lib/errors";
import type { Actor, UserActor } from "@/lib/authz/actor";
import type { Tx } from "@/lib/db/tx";
import type { Prisma } from "@/lib/generated/prisma/client";
import { conflictKindsOf, describeConflict } from "@/lib/reviews/conflicts";

/** A person as a reviewer: their teams (the fallback reviewers) and whether they are in the ADMIN pool. */
export type Reviewer = { id: string; teamIds: string[]; admin: boolean };

export async function reviewerOf(tx: Tx, actor: UserActor): Promise<Reviewer> {
  const teams = await tx.teamMember.findMany({ where: { userId: actor.id }, select: { teamId: true } });
  return { id: actor.id, teamIds: teams.map((m) => m.teamId), admin: actor.roles.includes("ADMIN") };
}

/** Items a person may have to decide: theirs, their team's when it is the fallback, the ADMIN pool's. */
export function assignedToWhere(r: Reviewer): Prisma.ReviewItemWhereInput {
  return {
    OR: [
      { assigneeId: r.id },
      { assigneeId: null, assigneeTeamId: { in: r.teamIds } },
      ...(r.admin ? [{ assigneeId: null, assigneeTeamId: null, assignment: "admin_pool" }] : []),
    ],
  };
}

type Decidable = {
  assigneeId: string | null;
  assigneeTeamId: string | null;
  assignment: string;
  conflictUserIds: string[];
};

export const isAssignedTo = (item: Decidable, r: Reviewer) =>
  !item.conflictUserIds.includes(r.id) &&
  (item.assigneeId === r.id ||
    (item.assigneeId === null && item.assigneeTeamId !== null && r.teamIds.includes(item.assigneeTeamId)) ||
    (item.assigneeId === null && item.assigneeTeamId === null && item.assignment === "admin_pool" && r.admin));

type Conflicted = Decidable & { kind: string; snapshot: unknown; serverSlug: string; conflicts: unknown };

/** Why this person may not decide the item because of their own ties to it, or null. */
export function conflictBarrier(item: Conflicted, userId: string): string | null {
  if (!item.conflictUserIds.includes(userId)) return null;
  const why = describeConflict(conflictKindsOf(item.conflicts, userId), item);
  return `You ${why || "granted, registered or own this access"}: another reviewer decides it`;
}

/** 403 unless the person is the item's reviewer; nobody reviews access they own, registered or granted. */
export function assertReviewer(actor: Actor, item: Conflicted, reviewer: Reviewer | null): asserts actor is UserActor {
  if (actor.type !== "USER" || !reviewer) throw new AppError("FORBIDDEN", "Only a person can decide a review item");
  const barrier = conflictBarrier(item, actor.id);
  if (barrier) throw new AppError("FORBIDDEN", barrier);
  if (!isAssignedTo(item, reviewer))
    throw new AppError("FORBIDDEN", "This item is assigned to another reviewer: an ADMIN can reassign it");
}
