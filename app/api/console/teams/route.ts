import { withRoute } from "@/lib/api/with-route";
import { ZCreateTeamInput } from "@/lib/schemas/team";
import { createTeam } from "@/lib/services/teams/create-team";
import { listTeams } from "@/lib/services/teams/list-teams";

export const GET = withRoute({ permission: "teams.read" }, ({ actor }) => listTeams(actor));

export const POST = withRoute({ permission: "teams.manage", body: ZCreateTeamInput }, async ({ actor, body }) =>
  Response.json(await createTeam(actor, body), { status: 201 }),
);
