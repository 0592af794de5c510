import type { Metadata } from "next";
import { requirePermission } from "@/lib/web-session/require-permission";
import { can } from "@/lib/authz/permissions";
import { agentKeys } from "@/lib/queries/agents";
import { Prefetched } from "@/lib/queries/prefetched";
import { getAgent } from "@/lib/services/agents/get-agent";
import { AgentDetailView } from "./_components/agent-detail-view";

export const metadata: Metadata = { title: "Agent" };

export default async function AgentPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("agents.read");
  const { id } = await params;
  return (
    <Prefetched queries={[{ queryKey: agentKeys.detail(id), load: () => getAgent(user, id) }]}>
      <AgentDetailView id={id} canManage={can(user, "agents.manage")} />
    </Prefetched>
  );
}
