import { withRoute } from "@/lib/api/with-route";
import { dismissSsoLinkOffer } from "@/lib/services/users/dismiss-sso-link-offer";

export const DELETE = withRoute({ permission: "users.manage" }, ({ actor, params }) =>
  dismissSsoLinkOffer(actor, params.id),
);
