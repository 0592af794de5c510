import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { requirePermission } from "@/lib/web-session/require-permission";
import { dashboardKeys } from "@/lib/queries/dashboard";
import { Prefetched } from "@/lib/queries/prefetched";
import { getDashboard } from "@/lib/services/dashboard/get-dashboard";
import { DashboardView } from "../_components/dashboard-view";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requirePermission("dashboard.read");
  return (
    <>
      <PageHeader
        title="Dashboard"
        description={`Signed in as ${user.name}. Every MCP call from every gateway, at a glance.`}
      />
      <Prefetched queries={[{ queryKey: dashboardKeys.range("7d"), load: () => getDashboard(user, { range: "7d" }) }]}>
        <DashboardView />
      </Prefetched>
    </>
  );
}
