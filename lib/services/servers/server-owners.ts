import { AppError } from "@/lib/errors";
import type { Tx } from "@/lib/db/tx";

/** The owner team and primary owner must exist; the primary owner must belong to that team. */
export async function assertOwnersExist(
  tx: Tx,
  input: { ownerTeamId?: string | null; primaryOwnerId?: string | null },
) {
  if (input.ownerTeamId && !(await tx.team.findUnique({ where: { id: input.ownerTeamId }, select: { id: true } }))) {
    throw new AppError("UNPROCESSABLE", "Unknown team", { ownerTeamId: "Unknown team" });
  }
  if (!input.primaryOwnerId) return;
  const user = await tx.user.findFirst({
    where: { id: input.primaryOwnerId, disabled: false },
    include: { memberships: true },
  });
  if (!user)
    throw new AppError("UNPROCESSABLE", "Unknown or disabled user", { primaryOwnerId: "Unknown or disabled user" });
  if (input.ownerTeamId && !user.memberships.some((m) => m.teamId === input.ownerTeamId)) {
    throw new AppError("UNPROCESSABLE", "The primary owner must be a member of the owner team", {
      primaryOwnerId: "Not a member of the owner team",
    });
  }
}
