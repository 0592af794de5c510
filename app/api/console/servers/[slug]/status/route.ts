import { withRoute } from "@/lib/api/with-route";
import { ZChangeServerStatusInput } from "@/lib/schemas/server";
import { changeServerStatus } from "@/lib/services/servers/change-server-status";

export const POST = withRoute(
  { permission: "servers.manage", body: ZChangeServerStatusInput },
  ({ actor, body, params }) => changeServerStatus(actor, params.slug, body),
);
