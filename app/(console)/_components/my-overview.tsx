import Link from "next/link";
import type { ReactNode } from "react";
import { EnvBadge, RiskBadge, StatusBadge } from "@/components/layout/status-badges";
import { Card } from "@/components/ui/card";
import { Timestamp } from "@/components/ui/timestamp";
import type { MyOverview as Overview } from "@/lib/services/dashboard/get-my-overview";

const link = "text-brand-700 hover:underline";

function List({ empty, children }: { empty: string; children: ReactNode[] }) {
  if (children.length === 0) return <p className="text-sm text-slate-500">{empty}</p>;
  return <ul className="divide-y divide-slate-100 text-sm">{children}</ul>;
}

/** The owner's own view, first on their dashboard: their servers, what waits on them, their findings. */
export function MyOverview({ data }: { data: Overview }) {
  const pending = data.reviewItems.length + data.approvals.length;
  return (
    <section
      aria-label="My servers and items"
      className="grid grid-cols-1 gap-6 xl:grid-cols-3"
      data-testid="my-overview"
    >
      <Card title={`My servers (${data.servers.length})`}>
        <List empty="No server is owned by you or your teams.">
          {data.servers.map((s) => (
            <li key={s.id} className="flex items-center justify-between gap-2 py-1.5">
              <Link className={link} href={`/servers/${s.slug}`}>
                {s.name}
              </Link>
              <span className="flex gap-1">
                <EnvBadge env={s.environment} />
                <StatusBadge status={s.status} />
              </span>
            </li>
          ))}
        </List>
      </Card>
      <Card title={`Waiting on me (${pending})`}>
        <List empty="Nothing waits on you.">
          {[
            ...data.reviewItems.map((i) => (
              <li key={i.id} className="py-1.5">
                <Link className={link} href={`/reviews?campaign=${i.campaignId}`}>
                  Review {i.kind.toLowerCase()}: {i.agentClientId ? `${i.agentClientId} on ` : ""}
                  {i.serverSlug}
                </Link>
              </li>
            )),
            ...data.approvals.map((a) => (
              <li key={a.id} className="flex items-center justify-between gap-2 py-1.5">
                <Link className={link} href={`/approvals?request=${a.id}`}>
                  {a.kind.replaceAll("_", " ").toLowerCase()}
                  {a.server ? ` · ${a.server.slug}` : ""}
                  {a.toolName ? ` / ${a.toolName}` : ""}
                  {a.agent ? ` · ${a.agent.clientId}` : ""}
                </Link>
                <span className="text-xs text-slate-500">
                  <Timestamp value={a.createdAt} />
                </span>
              </li>
            )),
          ]}
        </List>
      </Card>
      <Card title={`My open findings (${data.findings.length})`}>
        <List empty="No open finding about your servers or agents.">
          {data.findings.map((f) => (
            <li key={f.id} className="flex items-center justify-between gap-2 py-1.5">
              <Link className={link} href={`/findings?entity=${encodeURIComponent(f.entityKey)}`}>
                {f.title}
              </Link>
              <RiskBadge risk={f.severity} />
            </li>
          ))}
        </List>
      </Card>
    </section>
  );
}
