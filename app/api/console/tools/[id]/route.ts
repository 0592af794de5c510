import { withRoute } from "@/lib/api/with-route";
import { ZUpdateToolInput } from "@/lib/schemas/tool";
import { updateTool } from "@/lib/services/tools/update-tool";

export const PATCH = withRoute({ permission: "servers.manage", body: ZUpdateToolInput }, ({ actor, body, params }) =>
  updateTool(actor, params.id, body),
);
