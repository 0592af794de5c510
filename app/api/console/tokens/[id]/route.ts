import { withRoute } from "@/lib/api/with-route";
import { revokeToken } from "@/lib/services/tokens/revoke-token";

export const DELETE = withRoute({ permission: "tokens.manage" }, ({ actor, params }) => revokeToken(actor, params.id));
