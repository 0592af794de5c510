import { withRoute } from "@/lib/api/with-route";
import { unlinkSsoIdentity } from "@/lib/services/users/unlink-sso-identity";

export const DELETE = withRoute({ permission: "users.manage" }, ({ actor, params }) =>
  unlinkSsoIdentity(actor, params.id),
);
