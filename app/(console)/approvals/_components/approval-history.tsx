"use client";

import { Timestamp } from "@/components/ui/timestamp";
import { useState } from "react";
import { EmptyState } from "@/components/layout/empty-state";
import { RiskBadge, StatusBadge } from "@/components/layout/status-badges";
import { Card } from "@/components/ui/card";
import { FilterSelect } from "@/components/ui/filters";
import { DataTable, Td } from "@/components/ui/data-table";
import { useApprovals } from "@/lib/queries/approvals";
import { ApprovalKind, ApprovalStatus } from "@/lib/generated/prisma/enums";

const asOptions = (values: string[]) => values.map((v) => ({ value: v, label: v }));
const STATUSES = asOptions(Object.values(ApprovalStatus));
const KINDS = asOptions(Object.values(ApprovalKind));

export function ApprovalHistory({ view }: { view: "history" | "mine" }) {
  const [status, setStatus] = useState("");
  const [kind, setKind] = useState("");
  const list = useApprovals({
    view,
    status: (status || undefined) as "PENDING",
    kind: (kind || undefined) as "TOOL_CALL",
  });
  return (
    <Card
      title={view === "mine" ? "Requests you made" : "All requests and votes"}
      actions={
        <div className="flex gap-2">
          {view === "history" && (
            <FilterSelect label="Status" value={status} onChange={setStatus} all="Any status" options={STATUSES} />
          )}
          <FilterSelect label="Kind" value={kind} onChange={setKind} all="Any kind" options={KINDS} />
        </div>
      }
    >
      {list.data && (
        <DataTable
          label={view === "mine" ? "My requests" : "Approval history"}
          columns={["Requested", "What", "Risk", "By", "Status", "Votes"]}
          rows={list.data}
          rowKey={(r) => r.id}
          rowProps={(r) => ({ "data-testid": `history-${r.id}` })}
          empty={<EmptyState title="No requests" />}
        >
          {(r) => (
            <>
              <Td className="whitespace-nowrap">
                <Timestamp value={r.createdAt} />
              </Td>
              <Td className="font-mono text-xs">
                {r.kind} {r.server?.slug}/{r.toolName ?? (r.access as { tools?: string[] } | null)?.tools?.join(",")}
              </Td>
              <Td>
                <RiskBadge risk={r.risk} />
              </Td>
              <Td>{r.requesterLabel}</Td>
              <Td>
                <StatusBadge status={r.status} />
              </Td>
              <Td className="text-xs">
                {r.breakGlassReason && <p className="font-medium text-red-700">Break glass: “{r.breakGlassReason}”</p>}
                {r.votes.map((v) => (
                  <p key={v.id}>
                    {v.decision} by {v.approver.email}
                    {v.comment ? `: “${v.comment}”` : ""}
                  </p>
                ))}
              </Td>
            </>
          )}
        </DataTable>
      )}
    </Card>
  );
}
