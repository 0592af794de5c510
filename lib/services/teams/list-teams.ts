import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";

/** The directory every signed-in user may see: teams and their members' names and emails. */
export async function listTeams(actor: Actor) {
  assertCan(actor, "teams.read");
  const teams = await db().team.findMany({
    orderBy: { name: "asc" },
    include: {
      members: {
        where: { user: { disabled: false } },
        select: { user: { select: { id: true, name: true, email: true } } },
      },
    },
  });
  return teams.map(({ members, ...t }) => ({ ...t, memberCount: members.length, members: members.map((m) => m.user) }));
}
