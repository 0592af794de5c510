"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { DataTable, Td } from "@/components/ui/data-table";
import { useToast } from "@/components/ui/toast";
import { can } from "@/lib/authz/permissions";
import { useReassign, useReviewItems } from "@/lib/queries/reviews";
import { useUsers } from "@/lib/queries/users";
import { Recommendations, subjectOf } from "./item-facts";

function Reassign({ itemIds, onDone }: { itemIds: string[]; onDone: () => void }) {
  const users = useUsers();
  const reassign = useReassign();
  const toast = useToast();
  const [assigneeId, setAssigneeId] = useState("");
  const [reason, setReason] = useState("");
  const reviewers = (users.data ?? []).filter(
    (u) => !u.disabled && can({ type: "USER", roles: u.roles }, "reviews.decide"),
  );
  return (
    <div className="flex flex-wrap items-end gap-2 border-b border-slate-200 bg-slate-50 p-3">
      <SelectField
        label={`Reassign ${itemIds.length} item${itemIds.length === 1 ? "" : "s"} to`}
        value={assigneeId}
        onChange={(e) => setAssigneeId(e.target.value)}
        placeholder="Choose a reviewer"
        options={reviewers.map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }))}
      />
      <input
        aria-label="Reason for reassignment"
        placeholder="Reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        className="rounded-md border border-slate-300 px-3 py-2 text-sm"
      />
      <Button
        disabled={!assigneeId || reason.trim().length < 3 || reassign.isPending}
        onClick={async () => {
          const r = await reassign.mutateAsync({ itemIds, assigneeId, reason });
          toast.show(`Reassigned ${r.reassigned} to ${r.assignee}`);
          onDone();
        }}
      >
        Reassign
      </Button>
    </div>
  );
}

/** Every item of the campaign, for ADMINs and AUDITORs; ADMINs reassign open ones from here. */
export function CampaignItems({ campaignId, canManage }: { campaignId: string; canManage: boolean }) {
  const items = useReviewItems({ campaign: campaignId, assignee: "all" });
  const [selected, setSelected] = useState<string[]>([]);
  if (items.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  const rows = items.data ?? [];
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-label="Campaign items">
      <header className="border-b border-slate-200 px-4 py-3 text-sm font-semibold text-slate-800">
        Items ({rows.length})
      </header>
      {canManage && selected.length > 0 && <Reassign itemIds={selected} onDone={() => setSelected([])} />}
      <DataTable
        label="Campaign items"
        columns={[
          canManage && { className: "w-8", "aria-label": "Select" },
          "Server",
          "Item",
          "Recommendation",
          "Reviewer",
          "Decision",
          "Proof",
        ]}
        rows={rows}
        rowKey={(i) => i.id}
        rowProps={(i) => ({ "data-testid": `campaign-item-${i.id}` })}
      >
        {(i) => (
          <>
            {canManage && (
              <Td>
                {i.status === "OPEN" && (
                  <input
                    type="checkbox"
                    aria-label={`Select ${subjectOf(i)}`}
                    checked={selected.includes(i.id)}
                    onChange={() => toggle(i.id)}
                  />
                )}
              </Td>
            )}
            <Td className="font-mono text-xs">{i.serverSlug}</Td>
            <Td>
              <Badge>{i.kind}</Badge> {subjectOf(i)}
            </Td>
            <Td>
              <Recommendations item={i} />
            </Td>
            <Td className="text-xs">
              {i.assigneeLabel}
              {i.selfReviewRerouted && <p className="text-slate-500">self-review rerouted</p>}
              {i.status === "OPEN" && i.assignment === "unassigned" && (
                <p className="text-amber-800">nobody without a conflict: reassign</p>
              )}
              {i.reassignedAt && <p className="text-slate-500">reassigned: {i.reassignReason}</p>}
            </Td>
            <Td className="text-xs">
              {i.status === "OPEN" ? (
                <Badge>open</Badge>
              ) : (
                <>
                  <Badge tone={i.decision === "REVOKE" ? "danger" : i.exception ? "warning" : "success"}>
                    {i.decision}
                    {i.exception ? " · exception" : ""}
                  </Badge>
                  <p className="mt-1 text-slate-600">
                    {i.decidedByLabel}: {i.justification ?? i.exceptionReason}
                  </p>
                  {i.decidedWithConflict && (
                    <p className="text-amber-800">decided by the {i.decidedWithConflict.replaceAll(",", ", ")}</p>
                  )}
                </>
              )}
            </Td>
            <Td className="text-xs whitespace-nowrap">
              {i.decisionSequence && <p>decision #{i.decisionSequence}</p>}
              {i.remediationSequence && <p>change #{i.remediationSequence}</p>}
            </Td>
          </>
        )}
      </DataTable>
    </section>
  );
}
