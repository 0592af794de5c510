import { withRoute } from "@/lib/api/with-route";
import { getAgent } from "@/lib/services/agents/get-agent";

export const GET = withRoute({ permission: "agents.read" }, ({ actor, params }) => getAgent(actor, params.id));
