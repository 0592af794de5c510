import { withRoute } from "@/lib/api/with-route";
import { linkSsoIdentity } from "@/lib/services/users/link-sso-identity";

export const POST = withRoute({ permission: "users.manage" }, ({ actor, params }) => linkSsoIdentity(actor, params.id));
