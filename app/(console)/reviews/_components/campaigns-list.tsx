"use client";

import { Timestamp } from "@/components/ui/timestamp";
import Link from "next/link";
import { useState } from "react";
import { EmptyState } from "@/components/layout/empty-state";
import { Button } from "@/components/ui/button";
import { DataTable, Td } from "@/components/ui/data-table";
import { useCampaigns } from "@/lib/queries/reviews";
import { CampaignForm } from "./campaign-form";
import { CampaignStatus } from "./campaign-status";
import { ProgressBar } from "./progress-bar";

/** Every campaign, kept for ever, with its progress; ADMINs start new ones here. */
export function CampaignsList({ canManage }: { canManage: boolean }) {
  const campaigns = useCampaigns();
  const [creating, setCreating] = useState(false);
  return (
    <div className="space-y-4">
      {canManage && !creating && (
        <div className="flex justify-end">
          <Button onClick={() => setCreating(true)}>New campaign</Button>
        </div>
      )}
      {creating && <CampaignForm onDone={() => setCreating(false)} />}
      {campaigns.isPending ? (
        <p className="text-sm text-slate-500">Loading…</p>
      ) : !campaigns.data?.length ? (
        <EmptyState title="No campaigns yet">
          {canManage ? "Create one, or turn on the schedule in Settings → Reviews." : "An admin starts them."}
        </EmptyState>
      ) : (
        <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
          <DataTable
            label="Campaigns"
            columns={[
              "Campaign",
              "Status",
              { children: "Progress", className: "w-72" },
              "Due",
              "Default",
              "Exceptions",
            ]}
            rows={campaigns.data}
            rowKey={(c) => c.id}
          >
            {(c) => (
              <>
                <Td>
                  <Link href={`/reviews?campaign=${c.id}`} className="font-medium text-brand-700 hover:underline">
                    {c.name}
                  </Link>
                  <p className="text-xs text-slate-500">{c.scheduled ? "scheduled" : `by ${c.createdByLabel}`}</p>
                </Td>
                <Td>
                  <CampaignStatus status={c.status} />
                </Td>
                <Td>
                  {c.status === "DRAFT" ? (
                    <span className="text-xs text-slate-500">not started</span>
                  ) : (
                    <ProgressBar
                      done={c.progress.total - c.progress.open}
                      total={c.progress.total}
                      label={`Progress of ${c.name}`}
                    />
                  )}
                </Td>
                <Td className="whitespace-nowrap">
                  <Timestamp value={c.dueAt} precision="day" />
                </Td>
                <Td>{c.defaultAction}</Td>
                <Td>{c.progress.exceptions}</Td>
              </>
            )}
          </DataTable>
        </div>
      )}
    </div>
  );
}
