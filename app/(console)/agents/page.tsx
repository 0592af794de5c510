import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { requirePermission } from "@/lib/web-session/require-permission";
import { can } from "@/lib/authz/permissions";
import { agentKeys } from "@/lib/queries/agents";
import { Prefetched } from "@/lib/queries/prefetched";
import { listAgents } from "@/lib/services/agents/list-agents";
import { AgentsView } from "./_components/agents-view";

export const metadata: Metadata = { title: "Agents" };

export default async function AgentsPage() {
  const user = await requirePermission("agents.read");
  return (
    <>
      <PageHeader title="Agents" description="The AI clients that call MCP servers, and what each may reach." />
      <Prefetched queries={[{ queryKey: agentKeys.list(), load: () => listAgents(user) }]}>
        <AgentsView canManage={can(user, "agents.manage")} />
      </Prefetched>
    </>
  );
}
