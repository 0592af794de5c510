import { BarListChart } from "@/components/charts/bar-list-chart";
import { Stat } from "@/components/layout/stat";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DataTable, Td } from "@/components/ui/data-table";
import type { Jsonified } from "@/lib/queries/jsonified";
import type { CampaignDetail } from "@/lib/services/reviews/get-campaign";
import { ProgressBar } from "./progress-bar";

/** Percent complete, decisions by type, revocations per server, progress per reviewer, who is behind. */
export function CampaignDashboard({ c }: { c: Jsonified<CampaignDetail> }) {
  const p = c.progress;
  const behind = new Set(p.overdueReviewers);
  return (
    <div className="space-y-6">
      <Card title="Progress">
        <ProgressBar done={p.done} total={p.total} label="Campaign progress" />
        <div className="mt-4 grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-6" data-testid="campaign-kpis">
          <Stat label="Open" value={p.open} tone={p.open && p.daysLeft <= 7 ? "warning" : "neutral"} />
          <Stat label="Certified" value={p.decisions.CERTIFY} />
          <Stat label="Revoked" value={p.decisions.REVOKE} />
          <Stat label="Narrowed" value={p.decisions.MODIFY} />
          <Stat label="Exceptions" value={p.exceptions} tone={p.exceptions ? "warning" : "neutral"} />
          <Stat label="Unassigned" value={p.unassigned} tone={p.unassigned ? "warning" : "neutral"} />
        </div>
      </Card>
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <Card title="Progress per reviewer">
          <DataTable
            label="Progress per reviewer"
            columns={["Reviewer", "Done", "Open"]}
            rows={p.reviewers}
            rowKey={(r) => r.reviewer}
          >
            {(r) => (
              <>
                <Td>
                  {r.reviewer} {behind.has(r.reviewer) && <Badge tone="warning">behind</Badge>}
                </Td>
                <Td>
                  {r.total - r.open}/{r.total}
                </Td>
                <Td>{r.open}</Td>
              </>
            )}
          </DataTable>
        </Card>
        <Card title="Revocations and narrowings per server">
          <BarListChart
            data={p.revocationsByServer
              .filter((s) => s.revoked + s.modified > 0)
              .map((s) => ({ key: s.server, count: s.revoked + s.modified }))}
            label="Revocations and narrowings per server"
          />
        </Card>
      </div>
    </div>
  );
}
