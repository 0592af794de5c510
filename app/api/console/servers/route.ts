import { withRoute } from "@/lib/api/with-route";
import { ZCreateServerInput, ZServerListQuery } from "@/lib/schemas/server";
import { createServer } from "@/lib/services/servers/create-server";
import { listServers } from "@/lib/services/servers/list-servers";

export const GET = withRoute({ permission: "servers.read", query: ZServerListQuery }, ({ actor, query }) =>
  listServers(actor, query),
);

export const POST = withRoute({ permission: "servers.create", body: ZCreateServerInput }, async ({ actor, body }) =>
  Response.json(await createServer(actor, body), { status: 201 }),
);
