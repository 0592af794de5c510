import { withRoute } from "@/lib/api/with-route";
import { ZUpdateServerInput } from "@/lib/schemas/server";
import { getServer } from "@/lib/services/servers/get-server";
import { updateServer } from "@/lib/services/servers/update-server";

export const GET = withRoute({ permission: "servers.read" }, ({ actor, params }) => getServer(actor, params.slug));

export const PATCH = withRoute({ permission: "servers.manage", body: ZUpdateServerInput }, ({ actor, body, params }) =>
  updateServer(actor, params.slug, body),
);
