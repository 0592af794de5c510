import { withRoute } from "@/lib/api/with-route";
import { ZAgentIdentityInput } from "@/lib/schemas/agent";
import { getAgent } from "@/lib/services/agents/get-agent";
import { setAgentIdentity } from "@/lib/services/agents/set-agent-identity";

export const GET = withRoute({ permission: "agents.read" }, ({ actor, params }) => getAgent(actor, params.id));

/** Sets the agent's OAuth client id and whether it may assert users (x-warden-on-behalf-of). */
export const PATCH = withRoute({ permission: "agents.manage", body: ZAgentIdentityInput }, ({ actor, params, body }) =>
  setAgentIdentity(actor, params.id, body),
);
