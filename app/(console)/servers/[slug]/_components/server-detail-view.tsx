"use client";

import { TabLinks } from "@/components/ui/tabs";
import { useSearchParams } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { EnvBadge, StatusBadge } from "@/components/layout/status-badges";
import { useServer } from "@/lib/queries/servers";
import { AccessTab } from "./access-tab";
import { ActivityTab } from "./activity-tab";
import { CredentialsTab } from "./credentials-tab";
import { OverviewTab } from "./overview-tab";
import { PolicyTab } from "./policy-tab";
import { ReadinessTab } from "./readiness-tab";
import { ToolsTab } from "./tools-tab";
import type { TabProps } from "./types";
import { LoadingState } from "@/components/layout/loading-state";

const TABS = ["Overview", "Tools", "Credentials", "Access", "Policy", "Readiness", "Activity"] as const;
export type Tab = (typeof TABS)[number];

export function ServerDetailView({ slug, canReviewTools }: { slug: string; canReviewTools: boolean }) {
  const tab = (useSearchParams().get("tab") ?? "Overview") as Tab;
  const { data: server, error } = useServer(slug);
  if (error) return <p className="text-sm text-red-700">{error.message}</p>;
  if (!server) return <LoadingState />;
  const failing = server.readiness.filter((i) => !i.pass).length;
  const pending = server.tools.filter((t) => t.status !== "APPROVED").length;
  const badge: Partial<Record<Tab, number>> = { Readiness: failing, Tools: pending };
  const props: TabProps = { server, canReviewTools };
  // A tab is listed only to those who may read it, and opening a hidden one by its URL shows Overview.
  const tabs = TABS.filter((t) => t !== "Activity" || server.canReadActivity);
  const shown = tabs.includes(tab) ? tab : "Overview";
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Servers", href: "/servers" }, { label: server.name }]}
        title={server.name}
        description={server.description || server.slug}
        actions={
          <>
            <EnvBadge env={server.environment} />
            <StatusBadge status={server.status} />
          </>
        }
      />
      <TabLinks
        label="Server sections"
        tabs={tabs.map((t) => ({
          href: `/servers/${slug}?tab=${t}`,
          label: t,
          badge: badge[t] ? (
            <span className="ml-1 rounded-full bg-amber-100 px-1.5 text-xs text-amber-800">{badge[t]}</span>
          ) : null,
        }))}
        current={`/servers/${slug}?tab=${shown}`}
      />
      {shown === "Overview" && <OverviewTab {...props} />}
      {shown === "Tools" && <ToolsTab {...props} />}
      {shown === "Credentials" && <CredentialsTab {...props} />}
      {shown === "Access" && <AccessTab {...props} />}
      {shown === "Policy" && <PolicyTab {...props} />}
      {shown === "Readiness" && <ReadinessTab {...props} />}
      {shown === "Activity" && <ActivityTab {...props} />}
    </>
  );
}
