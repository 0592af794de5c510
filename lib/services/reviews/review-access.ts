import { AppError } from "@/lib/errors";
import type { Actor, UserActor } from "@/lib/authz/actor";
import type { Tx } from "@/lib/db/tx";
import type { Prisma } from "@/lib/generated/prisma/client";

/** ADMINs and AUDITORs see every item; everyone else sees the items they must decide. */
export const seesAllReviews = (actor: Actor) =>
  actor.type !== "USER" || actor.roles.includes("ADMIN") || actor.roles.includes("AUDITOR");

export async function teamIdsOf(tx: Tx, userId: string) {
  return (await tx.teamMember.findMany({ where: { userId }, select: { teamId: true } })).map((m) => m.teamId);
}

/** Items a person must decide: assigned to them, or to a team of theirs when the team is the fallback. */
export function assignedToWhere(userId: string, teamIds: string[]): Prisma.ReviewItemWhereInput {
  return { OR: [{ assigneeId: userId }, { assigneeId: null, assigneeTeamId: { in: teamIds } }] };
}

type Decidable = { assigneeId: string | null; assigneeTeamId: string | null; conflictUserIds: string[] };

export const isAssignedTo = (item: Decidable, userId: string, teamIds: string[]) =>
  !item.conflictUserIds.includes(userId) &&
  (item.assigneeId === userId ||
    (item.assigneeId === null && item.assigneeTeamId !== null && teamIds.includes(item.assigneeTeamId)));

/** 403 unless the person is the item's reviewer; nobody reviews access they granted or registered. */
export function assertReviewer(actor: Actor, item: Decidable, teamIds: string[]): asserts actor is UserActor {
  if (actor.type !== "USER") throw new AppError("FORBIDDEN", "Only a person can decide a review item");
  if (item.conflictUserIds.includes(actor.id))
    throw new AppError("FORBIDDEN", "You granted, registered or own this access yourself: another reviewer decides it");
  if (!isAssignedTo(item, actor.id, teamIds))
    throw new AppError("FORBIDDEN", "This item is assigned to another reviewer: an ADMIN can reassign it");
}
