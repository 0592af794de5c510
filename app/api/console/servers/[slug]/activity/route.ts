import { withRoute } from "@/lib/api/with-route";
import { getServerActivity } from "@/lib/services/servers/get-server-activity";

export const GET = withRoute({ permission: "servers.read" }, ({ actor, params }) =>
  getServerActivity(actor, params.slug),
);
