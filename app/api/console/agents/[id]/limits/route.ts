import { withRoute } from "@/lib/api/with-route";
import { ZAgentLimitsInput } from "@/lib/schemas/agent";
import { setAgentLimits } from "@/lib/services/agents/set-agent-limits";

/** Sets the agent's per-user limit and daily call budget (null: none). */
export const PUT = withRoute({ permission: "agents.manage", body: ZAgentLimitsInput }, ({ actor, params, body }) =>
  setAgentLimits(actor, params.id, body),
);
