import { withRoute } from "@/lib/api/with-route";
import { ZCreateGrantInput } from "@/lib/schemas/grant";
import { createGrant } from "@/lib/services/grants/create-grant";

export const POST = withRoute({ permission: "grants.manage", body: ZCreateGrantInput }, async ({ actor, body }) =>
  Response.json(await createGrant(actor, body), { status: 201 }),
);
