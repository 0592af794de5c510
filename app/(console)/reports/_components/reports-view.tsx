"use client";

import { buttonClass } from "@/components/ui/button";
import type { ReadSource } from "@/lib/db/replica";
import { Card } from "@/components/ui/card";
import { AuditExportCard } from "./audit-export-card";
import { ReviewPackCard, type CampaignChoice } from "./review-pack-card";
import { SchedulesCard } from "./schedules-card";
import { usePeriodFields } from "./period-fields";
import { query } from "./report-links";

type Props = { canSchedule: boolean; campaigns: CampaignChoice[]; readSource: ReadSource | null };

export function ReportsView({ canSchedule, campaigns, readSource }: Props) {
  const { fields: periodFields, period: bounds, valid } = usePeriodFields();
  const period = query(bounds);
  return (
    <div className="space-y-6">
      <AuditExportCard readSource={readSource} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card title="Approvals report">
          <p className="mb-3 text-sm text-slate-600">
            Every request created in the period: requester, on-behalf-of user, agent and tool, arguments hash and risk,
            each vote with its comment and time, the outcome and time to decision, and the break-glass actions (org
            pause, suspensions). CSV files and a PDF summary with charts.
          </p>
          <div className="grid grid-cols-2 gap-3">{periodFields}</div>
          <a
            className={`${buttonClass("secondary")} mt-4 ${valid ? "" : "pointer-events-none opacity-50"}`}
            aria-disabled={!valid}
            href={`/api/console/reports/packs/approvals?${period}`}
            download
            data-testid="download-approvals-pack"
          >
            Download signed approvals pack
          </a>
        </Card>
        <Card title="Inventory report">
          <p className="mb-3 text-sm text-slate-600">
            The live MCP server inventory with ownership and status: servers (owner, environment, classification,
            status, readiness), credential references (provider, path, rotation state), tools (risk, review state),
            agents and their grants. CSV files and a PDF summary.
          </p>
          <a
            className={buttonClass("secondary")}
            href="/api/console/reports/packs/inventory"
            download
            data-testid="download-inventory-pack"
          >
            Download signed inventory pack
          </a>
        </Card>
      </div>
      <SchedulesCard canSchedule={canSchedule} />
      <ReviewPackCard campaigns={campaigns} />
      <Card title="Checking a pack without Warden">
        <div className="space-y-2 text-sm text-slate-600">
          <p>
            Every pack holds <code>manifest.json</code> (each file&apos;s SHA-256, who generated it, when, the filters,
            the audit chain head and the latest signed checkpoint), its Ed25519 signature <code>manifest.sig</code>, the
            public key and a <code>VERIFY.md</code>. Check it against the public key your administrator publishes (
            <code>warden-public-key.pem</code>), never only the copy inside the pack: anyone can re-sign an altered pack
            with a key of their own. With standard tools:
          </p>
          <pre className="overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
            {`openssl pkeyutl -verify -pubin -inkey warden-public-key.pem -rawin -in manifest.json -sigfile manifest.sig
sha256sum -c SHA256SUMS
npm run evidence:verify -- pack.zip --key warden-public-key.pem   # the same, in one step`}
          </pre>
        </div>
      </Card>
    </div>
  );
}
