import { withRoute } from "@/lib/api/with-route";
import { revokeAgentCredential } from "@/lib/services/agent-credentials/revoke-agent-credential";

export const DELETE = withRoute({ permission: "agents.manage" }, ({ actor, params }) =>
  revokeAgentCredential(actor, params.id, params.credentialId),
);
