import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { can } from "@/lib/authz/permissions";
import { requirePermission } from "@/lib/web-session/require-permission";
import { dashboardKeys } from "@/lib/queries/dashboard";
import { Prefetched } from "@/lib/queries/prefetched";
import { dashboardQueryFromUrl } from "@/lib/schemas/dashboard";
import { getDashboard } from "@/lib/services/dashboard/get-dashboard";
import { getMyOverview } from "@/lib/services/dashboard/get-my-overview";
import { DashboardView } from "../_components/dashboard-view";
import { MyOverview } from "../_components/my-overview";

export const metadata: Metadata = { title: "Dashboard" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function DashboardPage({ searchParams }: { searchParams: Search }) {
  const user = await requirePermission("dashboard.read");
  const search = await searchParams;
  const query = dashboardQueryFromUrl((k) => {
    const v = search[k];
    return Array.isArray(v) ? v[0] : v;
  });
  // An owner sees their own servers, what waits on them and their findings before the organisation's charts.
  const owner = user.roles.includes("OWNER") && !user.roles.includes("ADMIN");
  return (
    <>
      <PageHeader
        title="Dashboard"
        description={`Signed in as ${user.name}. Every MCP call from every gateway, at a glance.`}
      />
      <div className="space-y-6">
        {owner && <MyOverview data={await getMyOverview(user)} />}
        <Prefetched queries={[{ queryKey: dashboardKeys.window(query), load: () => getDashboard(user, query) }]}>
          <DashboardView
            opens={{
              audit: can(user, "audit.read"),
              approvals: can(user, "approvals.read"),
              findings: can(user, "findings.read"),
              reviews: can(user, "reviews.read"),
            }}
          />
        </Prefetched>
      </div>
    </>
  );
}
