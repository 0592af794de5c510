import { withRoute } from "@/lib/api/with-route";
import { ZCreateWebhookInput } from "@/lib/schemas/webhook";
import { createWebhook } from "@/lib/services/webhooks/create-webhook";
import { listWebhooks } from "@/lib/services/webhooks/list-webhooks";

export const GET = withRoute({ permission: "webhooks.manage" }, ({ actor }) => listWebhooks(actor));

export const POST = withRoute({ permission: "webhooks.manage", body: ZCreateWebhookInput }, async ({ actor, body }) =>
  Response.json(await createWebhook(actor, body), { status: 201, headers: { "cache-control": "no-store" } }),
);
