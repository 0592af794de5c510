import { recordAdminAudit } from "@/lib/services/audited-write";
import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/schemas/parse";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/tx";
import { ZUpdateUserInput, type TUpdateUserInput } from "@/lib/schemas/user";
import { registryChanged } from "@/lib/services/servers/shared/registry-changed";
import { assertTeamsExist } from "./create-user";
import { auditShape, toUserView, userSelect } from "./user-view";

async function assertAdminRemains(tx: Tx, userId: string) {
  // Raw SQL: the driver adapters mis-encode enum-array filters (`has`) as array literals.
  const [{ n }] = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "User" WHERE id <> ${userId}::uuid AND NOT disabled AND 'ADMIN' = ANY(roles)`;
  if (n === 0) throw new AppError("UNPROCESSABLE", "Warden must keep at least one active ADMIN");
}

export async function updateUser(actor: Actor, userId: string, raw: TUpdateUserInput) {
  assertCan(actor, "users.manage");
  const input = parseWith(ZUpdateUserInput, raw, "user change");
  return db().$transaction(async (tx) => {
    const current = await tx.user.findUnique({ where: { id: userId }, select: userSelect });
    if (!current) throw new AppError("NOT_FOUND", "User not found");
    const before = toUserView(current);
    const losesAdmin =
      before.roles.includes("ADMIN") &&
      !before.disabled &&
      ((input.roles && !input.roles.includes("ADMIN")) || input.disabled === true);
    if (losesAdmin && actor.type === "USER" && actor.id === userId) {
      throw new AppError("UNPROCESSABLE", "You cannot remove your own ADMIN role or disable yourself");
    }
    if (losesAdmin) await assertAdminRemains(tx, userId);
    if (input.teamIds) await assertTeamsExist(tx, input.teamIds);
    const row = await tx.user.update({
      where: { id: userId },
      data: {
        name: input.name,
        roles: input.roles,
        disabled: input.disabled,
        ...(input.disabled === false ? { failedLoginCount: 0, lockedUntil: null } : {}),
        ...(input.teamIds
          ? { memberships: { deleteMany: {}, create: input.teamIds.map((teamId) => ({ teamId })) } }
          : {}),
      },
      select: userSelect,
    });
    const after = toUserView(row);
    // Gateways map a verified token to its Warden user through the bundle, which holds enabled users only.
    if (before.disabled !== after.disabled) await registryChanged(tx);
    await recordAdminAudit(
      tx,
      actor,
      input.disabled === true ? "user.disabled" : input.disabled === false ? "user.enabled" : "user.updated",
      { target: { type: "User", id: userId }, before: auditShape(before), after: auditShape(after) },
    );
    return after;
  });
}
