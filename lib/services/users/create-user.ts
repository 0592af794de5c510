import { recordAdminAudit } from "@/lib/services/audited-write";
import { AppError } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/password";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/tx";
import { ZCreateUserInput, type TCreateUserInput } from "@/lib/schemas/user";
import { parseWith } from "@/lib/schemas/parse";
import { auditShape, toUserView, userSelect } from "./user-view";

export async function assertTeamsExist(tx: Tx, teamIds: string[]) {
  const found = await tx.team.count({ where: { id: { in: teamIds } } });
  if (found !== new Set(teamIds).size) throw new AppError("UNPROCESSABLE", "Unknown team", { teamIds: "Unknown team" });
}

export async function createUser(actor: Actor, raw: TCreateUserInput) {
  assertCan(actor, "users.manage");
  const input = parseWith(ZCreateUserInput, raw, "user");
  const passwordHash = await hashPassword(input.password);
  return db().$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
      throw new AppError("CONFLICT", `A user with email ${input.email} already exists`, { email: "Already in use" });
    }
    await assertTeamsExist(tx, input.teamIds);
    const row = await tx.user.create({
      data: {
        email: input.email,
        name: input.name,
        passwordHash,
        roles: input.roles,
        memberships: { create: input.teamIds.map((teamId) => ({ teamId })) },
      },
      select: userSelect,
    });
    const user = toUserView(row);
    await recordAdminAudit(tx, actor, "user.created", {
      target: { type: "User", id: user.id },
      after: auditShape(user),
    });
    return user;
  });
}
