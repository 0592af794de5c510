"use client";

import { useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField } from "@/components/ui/select-field";
import { enumLabel } from "@/lib/schemas/enum-labels";
import { reviewPackHref } from "./report-links";

export type CampaignChoice = { id: string; name: string; period: string; status: string };

/** One entitlement-review campaign's signed evidence pack, picked from the campaigns that have started. */
export function ReviewPackCard({ campaigns }: { campaigns: CampaignChoice[] }) {
  const [campaignId, setCampaignId] = useState(campaigns[0]?.id ?? "");
  return (
    <Card title="Access-review evidence pack">
      <p className="mb-3 text-sm text-slate-600">
        One campaign: the frozen population with its SHA-256 and the query that produced it, every decision (reviewer of
        record, actual decider, justification, reassignment, self-review rerouting, and any tie of the decider to the
        access where the campaign allowed it), each revoke or modification with its time of effect and proving audit
        sequence, the exceptions, the sign-off (and whether the signer took part), and a PDF summary with charts per
        server.
      </p>
      {campaigns.length === 0 ? (
        <p className="text-sm text-slate-500" data-testid="no-campaigns">
          No campaign has started yet: packs exist once a campaign&apos;s population is frozen.
        </p>
      ) : (
        <div className="flex flex-wrap items-end gap-3">
          <SelectField
            className="min-w-64"
            label="Campaign"
            value={campaignId}
            onChange={(e) => setCampaignId(e.target.value)}
            options={campaigns.map((c) => ({
              value: c.id,
              label: `${c.name} (${c.period}, ${enumLabel(c.status).toLowerCase()})`,
            }))}
          />
          <a
            className={buttonClass("secondary")}
            href={reviewPackHref(campaignId)}
            download
            data-testid="download-review-pack"
          >
            Download signed review pack
          </a>
        </div>
      )}
    </Card>
  );
}
