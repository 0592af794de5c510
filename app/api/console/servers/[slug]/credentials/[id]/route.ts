import { withRoute } from "@/lib/api/with-route";
import { removeCredential } from "@/lib/services/credentials/remove-credential";

export const DELETE = withRoute({ permission: "servers.manage" }, ({ actor, params }) =>
  removeCredential(actor, params.slug, params.id),
);
