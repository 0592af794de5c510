"use client";

import Link from "next/link";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { EnvBadge, OutcomeBadge, RiskBadge, StatusBadge } from "@/components/layout/status-badges";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DataTable, Td } from "@/components/ui/data-table";
import { useAgent, useSuspendAgent } from "@/lib/queries/agents";
import { LoadingState } from "@/components/layout/loading-state";
import { BarListChart } from "@/components/charts/bar-list-chart";
import { formatUtc, Timestamp } from "@/components/ui/timestamp";
import { AgentCredentials } from "./agent-credentials";
import { AgentLimits } from "./agent-limits";
import { AgentSignIn } from "./agent-sign-in";

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
        breadcrumbs={[{ label: "Agents", href: "/agents" }, { label: agent.name }]}
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
        <DataTable
          label="Agent grants"
          columns={["Server", "Tools", "Operations", "Expires", "Status"]}
          rows={agent.grants}
          rowKey={(g) => g.id}
          empty={<EmptyState title="This agent has no grants" />}
        >
          {(g) => (
            <>
              <Td>
                <Link
                  href={`/servers/${g.server.slug}?tab=Access`}
                  className="font-medium text-brand-700 hover:underline"
                >
                  {g.server.name}
                </Link>{" "}
                <EnvBadge env={g.server.environment} />
              </Td>
              <Td className="font-mono text-xs">
                {g.allowedTools.join(", ")}
                {g.allowedResources.length + g.allowedPrompts.length > 0 && (
                  <p className="text-slate-600">
                    resources: {g.allowedResources.join(", ") || "—"} · prompts: {g.allowedPrompts.join(", ") || "—"}
                  </p>
                )}
              </Td>
              <Td>{g.allowedOperations.join(", ")}</Td>
              <Td>
                <Timestamp value={g.expiresAt} precision="day" empty="never" />
              </Td>
              <Td>
                <StatusBadge status={g.status} />
              </Td>
            </>
          )}
        </DataTable>
      </Card>
      <div className="mt-6 grid grid-cols-1 gap-6 xl:grid-cols-2">
        <Card
          title={`Calls per day, last 30 days · last seen ${agent.lastSeenAt ? formatUtc(agent.lastSeenAt) : "never"}`}
        >
          {agent.callsPerDay.length === 0 ? (
            <EmptyState title="No calls recorded" />
          ) : (
            <BarListChart
              data={agent.callsPerDay.map((d) => ({ key: d.t.slice(0, 10), count: d.count }))}
              label="Calls per day"
            />
          )}
        </Card>
        {agent.findings && (
          <Card title="Findings">
            {agent.findings.length === 0 && <EmptyState title="No findings about this agent" />}
            <ul className="space-y-2 text-sm">
              {agent.findings.map((f) => (
                <li key={f.id} className="flex flex-wrap items-baseline gap-2">
                  <RiskBadge risk={f.severity} />
                  <Link
                    href={`/findings?status=all&entity=${encodeURIComponent(agent.clientId)}`}
                    className="text-brand-700 hover:underline"
                  >
                    {f.title}
                  </Link>
                  <StatusBadge status={f.status} />
                </li>
              ))}
            </ul>
          </Card>
        )}
      </div>
      {agent.recentCalls && (
        <div className="mt-6">
          <Card title="Recent calls">
            <DataTable
              label="Recent calls"
              columns={["When", "Server / tool", "On behalf of", "Outcome"]}
              rows={agent.recentCalls}
              rowKey={(c) => c.sequence}
              empty={<EmptyState title="No calls recorded" />}
            >
              {(c) => (
                <>
                  <Td>
                    <Timestamp value={c.occurredAt} />
                  </Td>
                  <Td className="font-mono text-xs">
                    {c.server} / {c.tool}
                  </Td>
                  <Td>{c.onBehalfOf ?? "—"}</Td>
                  <Td>
                    <OutcomeBadge outcome={c.outcome} />
                  </Td>
                </>
              )}
            </DataTable>
            <Link
              href={`/audit?agent=${encodeURIComponent(agent.clientId)}`}
              className="mt-3 inline-block text-sm text-brand-700 underline"
            >
              All of this agent&apos;s events
            </Link>
          </Card>
        </div>
      )}
      <div className="mt-6">
        <AgentLimits agent={agent} canManage={canManage} />
      </div>
      <div className="mt-6">
        <AgentSignIn agent={agent} canManage={canManage} />
      </div>
      <div className="mt-6">
        <AgentCredentials agentId={agent.id} canManage={canManage} />
      </div>
    </>
  );
}
