import { withRoute } from "@/lib/api/with-route";
import { ZCreateTokenInput } from "@/lib/schemas/token";
import { createToken } from "@/lib/services/tokens/create-token";
import { listTokens } from "@/lib/services/tokens/list-tokens";

export const GET = withRoute({ permission: "tokens.manage" }, ({ actor }) => listTokens(actor));

export const POST = withRoute({ permission: "tokens.manage", body: ZCreateTokenInput }, async ({ actor, body }) =>
  Response.json(await createToken(actor, body), { status: 201, headers: { "cache-control": "no-store" } }),
);
