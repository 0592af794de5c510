"use client";

import Link from "next/link";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { EnvBadge, StatusBadge } from "@/components/layout/status-badges";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { useAgent, useSuspendAgent } from "@/lib/queries/agents";
import { LoadingState } from "@/components/layout/loading-state";

/** Everything one agent can reach, across every server. */
export function AgentDetailView({ id, canManage }: { id: string; canManage: boolean }) {
  const { data: agent, error } = useAgent(id);
  const suspend = useSuspendAgent(id);
  if (error) return <p className="text-sm text-red-700">{error.message}</p>;
  if (!agent) return <LoadingState />;
  const toggle = () => {
    const reason = window.prompt(
      agent.status === "ACTIVE" ? "Reason for suspending this agent" : "Reason for reinstating this agent",
    );
    if (reason) suspend.mutate({ suspended: agent.status === "ACTIVE", reason });
  };
  return (
    <>
      <PageHeader
        title={agent.name}
        description={`${agent.clientId} · ${agent.purpose || "no purpose given"}`}
        actions={
          <>
            <StatusBadge status={agent.status} />
            {canManage && (
              <Button size="sm" variant={agent.status === "ACTIVE" ? "danger" : "secondary"} onClick={toggle}>
                {agent.status === "ACTIVE" ? "Suspend agent" : "Reinstate agent"}
              </Button>
            )}
          </>
        }
      />
      <Card title="Reach">
        {agent.grants.length === 0 && <EmptyState title="This agent has no grants" />}
        {agent.grants.length > 0 && (
          <Table label="Agent grants">
            <thead>
              <tr>
                <Th>Server</Th>
                <Th>Tools</Th>
                <Th>Operations</Th>
                <Th>Expires</Th>
                <Th>Status</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {agent.grants.map((g) => (
                <tr key={g.id}>
                  <Td>
                    <Link
                      href={`/servers/${g.server.slug}?tab=Access`}
                      className="font-medium text-brand-700 hover:underline"
                    >
                      {g.server.name}
                    </Link>{" "}
                    <EnvBadge env={g.server.environment} />
                  </Td>
                  <Td className="font-mono text-xs">{g.allowedTools.join(", ")}</Td>
                  <Td>{g.allowedOperations.join(", ")}</Td>
                  <Td>{g.expiresAt ? new Date(g.expiresAt).toLocaleDateString() : "never"}</Td>
                  <Td>
                    <StatusBadge status={g.status} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </>
  );
}
