import { withRoute } from "@/lib/api/with-route";
import { ZAccessRequestInput } from "@/lib/schemas/approval";
import { createAccessRequest } from "@/lib/services/approvals/create-access-request";

export const POST = withRoute({ permission: "approvals.request", body: ZAccessRequestInput }, async ({ actor, body }) =>
  Response.json(await createAccessRequest(actor, body), { status: 201 }),
);
