import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { requirePermission } from "@/lib/web-session/require-permission";
import { can } from "@/lib/authz/permissions";
import { getExportReadSource } from "@/lib/services/reports/get-export-read-source";
import { listCampaigns } from "@/lib/services/reviews/list-campaigns";
import { ReportsView } from "./_components/reports-view";

export const metadata: Metadata = { title: "Reports" };

export default async function ReportsPage() {
  const user = await requirePermission("reports.read");
  // Only what the picker shows: a campaign's name, period and status.
  const campaigns = can(user, "reviews.read")
    ? (await listCampaigns(user))
        .filter((c) => c.status !== "DRAFT")
        .map(({ id, name, period, status }) => ({ id, name, period, status }))
    : [];
  return (
    <>
      <PageHeader
        title="Reports"
        description="Evidence to take away: exports and signed packs that verify without Warden (SOC 2, ISO 27001, SOX)."
      />
      <ReportsView
        canSchedule={can(user, "reports.schedule")}
        campaigns={campaigns}
        readSource={await getExportReadSource(user)}
      />
    </>
  );
}
