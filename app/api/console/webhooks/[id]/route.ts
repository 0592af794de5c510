import { withRoute } from "@/lib/api/with-route";
import { deleteWebhook } from "@/lib/services/webhooks/manage-webhooks";

export const DELETE = withRoute({ permission: "webhooks.manage" }, ({ actor, params }) =>
  deleteWebhook(actor, params.id),
);
