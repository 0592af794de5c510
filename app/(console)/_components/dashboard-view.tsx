"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { BarListChart } from "@/components/charts/bar-list-chart";
import { LatencyChart } from "@/components/charts/latency-chart";
import { StackedAreaChart } from "@/components/charts/stacked-area-chart";
import { Stat } from "@/components/layout/stat";
import { Card } from "@/components/ui/card";
import { useDashboard } from "@/lib/queries/dashboard";
import { LoadingState } from "@/components/layout/loading-state";
import { ReadSourceNote } from "@/components/layout/read-source-note";
import { dashboardQueryFromUrl } from "@/lib/schemas/dashboard";
import { TimeRangePicker } from "./time-range-picker";

const OUTCOMES = ["success", "error", "deny", "pending"];

/** Seconds as people say them: "45 s", "6.5 min", "2.1 h". */
const formatMinutes = (seconds: number) =>
  seconds < 60
    ? `${seconds} s`
    : seconds < 3600
      ? `${(seconds / 60).toFixed(seconds < 600 ? 1 : 0)} min`
      : `${(seconds / 3600).toFixed(1)} h`;

/** A count of things waiting for someone (suspended servers, pending approvals…) is amber until it is zero. */
const attention = (count: number) => (count ? "warning" : "neutral");

/** The pages this role may open: a tile or a chart links only where the reader will not meet a 404. */
export type DashboardOpens = { audit: boolean; approvals: boolean; findings: boolean; reviews: boolean };

function TileLink({ href, open, children }: { href: string; open: boolean; children: React.ReactNode }) {
  return open ? <Link href={href}>{children}</Link> : <div>{children}</div>;
}

export function DashboardView({ opens }: { opens: DashboardOpens }) {
  const search = useSearchParams();
  const query = dashboardQueryFromUrl((k) => search.get(k));
  const { data, error } = useDashboard(query);
  const router = useRouter();
  if (!data)
    return error ? (
      <div className="space-y-3">
        <TimeRangePicker />
        <p role="status" className="text-sm text-red-700">
          {error.message}
        </p>
      </div>
    ) : (
      <LoadingState />
    );
  const k = data.kpis;
  const daily = new Date(data.to).getTime() - new Date(data.from).getTime() > 8 * 86_400_000;
  // The explorer opens on the same slice: a preset range by name, a custom one (or one bucket) by its dates.
  const slice = (from?: string, to?: string): Record<string, string> =>
    from && to ? { from, to } : data.range === "custom" ? { from: data.from, to: data.to } : { range: data.range };
  const explore = (params: Record<string, string>, time: Record<string, string>) =>
    router.push(`/audit?${new URLSearchParams({ ...time, ...params })}`);
  const calls = (params: Record<string, string>, time = slice()) => explore({ category: "TOOL_CALL", ...params }, time);
  // Charts open the audit explorer: only for roles that may read it (the others' bars are not links).
  const server = opens.audit ? (slug: string) => calls({ server: slug }) : undefined;
  const approvals = opens.approvals ? () => router.push("/approvals") : undefined;
  return (
    <div className="space-y-6">
      <ReadSourceNote source={data.readSource} />
      <div className="grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-6" data-testid="kpis">
        <Link href="/servers?status=ACTIVE">
          <Stat label="Active servers" value={k.activeServers} />
        </Link>
        <Link href="/servers?status=SUSPENDED">
          <Stat label="Suspended servers" value={k.suspendedServers} tone={attention(k.suspendedServers)} />
        </Link>
        <TileLink href="/approvals" open={opens.approvals}>
          <Stat label="Pending approvals" value={k.pendingApprovals} tone={attention(k.pendingApprovals)} />
        </TileLink>
        <TileLink href="/findings" open={opens.findings}>
          <Stat label="Open findings" value={k.openFindings} tone={attention(k.openFindings)} />
        </TileLink>
        <Stat label="Credentials overdue" value={k.credentialsOverdue} tone={attention(k.credentialsOverdue)} />
        <TileLink
          href={k.reviewCampaign ? `/reviews?campaign=${k.reviewCampaign.id}` : "/reviews"}
          open={opens.reviews}
        >
          <Stat
            label={k.reviewCampaign ? `Review ${k.reviewCampaign.period}` : "Review campaign"}
            value={
              k.reviewCampaign
                ? `${k.reviewCampaign.percent}% (${k.reviewCampaign.done}/${k.reviewCampaign.total})`
                : "None active"
            }
            tone={
              k.reviewCampaign && k.reviewCampaign.daysLeft <= 7 && k.reviewCampaign.percent < 100
                ? "warning"
                : "neutral"
            }
          />
        </TileLink>
      </div>
      <TimeRangePicker />
      <Card title="Tool calls over time, by outcome">
        <StackedAreaChart
          data={data.callsOverTime}
          series={OUTCOMES}
          daily={daily}
          label="Tool calls over time by outcome"
          onSelect={
            opens.audit
              ? (t) => {
                  const end = new Date(new Date(t).getTime() + (daily ? 86_400_000 : 3_600_000)).toISOString();
                  calls({}, slice(t, end));
                }
              : undefined
          }
        />
      </Card>
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-3">
        <Card title="Top servers">
          <BarListChart data={data.topServers} label="Top servers by calls" onSelect={server} />
        </Card>
        <Card title="Top tools">
          <BarListChart
            data={data.topTools}
            label="Top tools by calls"
            onSelect={
              opens.audit
                ? (key) => {
                    const [slug, tool] = key.split("/");
                    calls({ server: slug, tool });
                  }
                : undefined
            }
          />
        </Card>
        <Card title="Top agents">
          <BarListChart
            data={data.topAgents}
            label="Top agents by calls"
            onSelect={opens.audit ? (agent) => calls({ agent }) : undefined}
          />
        </Card>
      </div>
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <Card title="Denials by rule">
          <BarListChart
            data={data.denialsByRule}
            label="Denied calls by rule"
            onSelect={opens.audit ? (rule) => explore({ outcome: "deny", rule }, slice()) : undefined}
          />
        </Card>
        <Card title="Approval requests per day">
          <BarListChart
            data={data.approvalVolume.map((a) => ({ key: a.t.slice(0, 10), count: a.total }))}
            label="Approval requests per day"
            onSelect={approvals}
          />
        </Card>
        <Card
          title={`Time to decision${data.medianDecisionSeconds !== null ? ` · median ${formatMinutes(data.medianDecisionSeconds)}` : ""}`}
        >
          <BarListChart
            data={data.decisionTimeByDay.map((d) => ({ key: d.t.slice(0, 10), count: d.medianMinutes }))}
            label="Median minutes from request to decision, per day"
            onSelect={approvals}
          />
        </Card>
        <Card title="Latency per server (p50 / p95)">
          <LatencyChart data={data.latencyByServer} onSelect={server} />
        </Card>
        <Card title="Risk of the tool inventory">
          <BarListChart
            data={data.riskDistribution}
            label="Tools by risk level"
            colorByKey
            onSelect={() => router.push("/servers")}
          />
        </Card>
      </div>
    </div>
  );
}
