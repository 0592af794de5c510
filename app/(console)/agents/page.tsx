import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { requirePermission } from "@/lib/auth/require-permission";
import { can } from "@/lib/authz/permissions";
import { AgentsView } from "./_components/agents-view";

export const metadata: Metadata = { title: "Agents" };

export default async function AgentsPage() {
  const user = await requirePermission("agents.read");
  return (
    <>
      <PageHeader title="Agents" description="The AI clients that call MCP servers, and what each may reach." />
      <AgentsView canManage={can(user, "agents.manage")} />
    </>
  );
}
