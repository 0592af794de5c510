import { withRoute } from "@/lib/api/with-route";
import { ZReasonInput } from "@/lib/schemas/grant";
import { revokeGrant } from "@/lib/services/grants/revoke-grant";

export const POST = withRoute({ permission: "grants.manage", body: ZReasonInput }, ({ actor, body, params }) =>
  revokeGrant(actor, params.id, body),
);
