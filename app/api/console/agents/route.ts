import { withRoute } from "@/lib/api/with-route";
import { ZCreateAgentInput } from "@/lib/schemas/agent";
import { createAgent } from "@/lib/services/agents/create-agent";
import { listAgents } from "@/lib/services/agents/list-agents";

export const GET = withRoute({ permission: "agents.read" }, ({ actor }) => listAgents(actor));

export const POST = withRoute({ permission: "agents.manage", body: ZCreateAgentInput }, async ({ actor, body }) =>
  Response.json(await createAgent(actor, body), { status: 201 }),
);
