import { recordAdminAudit } from "@/lib/services/audited-write";
import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/schemas/parse";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { ZCreateTeamInput, type TCreateTeamInput } from "@/lib/schemas/team";

export async function createTeam(actor: Actor, raw: TCreateTeamInput) {
  assertCan(actor, "teams.manage");
  const input = parseWith(ZCreateTeamInput, raw, "team");
  return db().$transaction(async (tx) => {
    if (await tx.team.findUnique({ where: { slug: input.slug }, select: { id: true } })) {
      throw new AppError("CONFLICT", `A team with slug ${input.slug} already exists`, { slug: "Already in use" });
    }
    const team = await tx.team.create({ data: input });
    await recordAdminAudit(tx, actor, "team.created", { target: { type: "Team", id: team.id }, after: input });
    return team;
  });
}
