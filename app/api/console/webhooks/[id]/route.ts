import { withRoute } from "@/lib/api/with-route";
import { deleteWebhook } from "@/lib/services/webhooks/delete-webhook";

export const DELETE = withRoute({ permission: "webhooks.manage" }, ({ actor, params }) =>
  deleteWebhook(actor, params.id),
);
