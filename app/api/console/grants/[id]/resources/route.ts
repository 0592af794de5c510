import { withRoute } from "@/lib/api/with-route";
import { ZGrantResourcesInput } from "@/lib/schemas/grant";
import { updateGrantResources } from "@/lib/services/grants/update-grant-resources";

/** Replaces the resource patterns and prompts a live grant covers. */
export const PUT = withRoute({ permission: "grants.manage", body: ZGrantResourcesInput }, ({ actor, body, params }) =>
  updateGrantResources(actor, params.id, body),
);
