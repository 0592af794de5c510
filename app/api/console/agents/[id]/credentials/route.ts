import { withRoute } from "@/lib/api/with-route";
import { ZIssueAgentCredentialInput } from "@/lib/schemas/agent-credential";
import { issueAgentCredential } from "@/lib/services/agent-credentials/issue-agent-credential";
import { listAgentCredentials } from "@/lib/services/agent-credentials/list-agent-credentials";

export const GET = withRoute({ permission: "agents.read" }, ({ actor, params }) =>
  listAgentCredentials(actor, params.id),
);

export const POST = withRoute(
  { permission: "agents.manage", body: ZIssueAgentCredentialInput },
  async ({ actor, body, params }) =>
    Response.json(await issueAgentCredential(actor, params.id, body), {
      status: 201,
      headers: { "cache-control": "no-store" },
    }),
);
