import { withRoute } from "@/lib/api/with-route";
import { ZCreateCredentialInput } from "@/lib/schemas/credential";
import { addCredential } from "@/lib/services/credentials/add-credential";

export const POST = withRoute(
  { permission: "servers.manage", body: ZCreateCredentialInput },
  async ({ actor, body, params }) => Response.json(await addCredential(actor, params.slug, body), { status: 201 }),
);
