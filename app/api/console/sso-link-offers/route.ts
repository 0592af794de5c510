import { withRoute } from "@/lib/api/with-route";
import { listSsoLinkOffers } from "@/lib/services/users/list-sso-link-offers";

export const GET = withRoute({ permission: "users.read" }, ({ actor }) => listSsoLinkOffers(actor));
