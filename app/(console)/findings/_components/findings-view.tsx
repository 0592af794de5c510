"use client";

import Link from "next/link";
import { useState } from "react";
import { EmptyState } from "@/components/layout/empty-state";
import { RiskBadge, StatusBadge } from "@/components/layout/status-badges";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { useFindings, useSetFindingStatus } from "@/lib/queries/findings";
import type { FindingView } from "@/lib/services/findings/list-findings";

/** Where a finding's evidence lives in the explorer. */
function evidenceLink(f: FindingView): string | null {
  const [agent, server] = f.entityKey.split(":");
  if (f.type === "shadow_server") return `/audit?server=${encodeURIComponent(f.entityKey)}`;
  if (f.type === "unknown_agent" || f.type === "off_hours") return `/audit?agent=${encodeURIComponent(agent)}`;
  if (f.type === "bulk_read" || f.type === "new_tool")
    return `/audit?agent=${encodeURIComponent(agent)}&server=${encodeURIComponent(server ?? "")}`;
  if (f.type === "exfiltration_chain") return `/audit?q=${encodeURIComponent(f.entityKey)}`;
  if (f.type === "rotation_overdue") return `/servers/${agent}?tab=Credentials`;
  if (f.type === "poisoned_tool_description") return `/servers/${agent}?tab=Tools`;
  return null;
}

export function FindingsView({ canManage }: { canManage: boolean }) {
  const findings = useFindings();
  const set = useSetFindingStatus();
  const [status, setStatus] = useState("OPEN");
  const rows = (findings.data ?? []).filter((f) => !status || f.status === status);
  return (
    <Card
      title="Findings"
      actions={
        <select
          aria-label="Status"
          value={status}
          onChange={(e) => setStatus(e.target.value)}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        >
          <option value="">All</option>
          <option value="OPEN">Open</option>
          <option value="ACKNOWLEDGED">Acknowledged</option>
          <option value="RESOLVED">Resolved</option>
        </select>
      }
    >
      {findings.data && rows.length === 0 && <EmptyState title="No findings with this status" />}
      {rows.length > 0 && (
        <Table label="Findings">
          <thead>
            <tr>
              <Th>Severity</Th>
              <Th>Finding</Th>
              <Th>Type</Th>
              <Th>Seen</Th>
              <Th>Last seen</Th>
              <Th>Status</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((f) => {
              const link = evidenceLink(f);
              return (
                <tr key={f.id} data-testid={`finding-${f.type}`}>
                  <Td>
                    <RiskBadge risk={f.severity} />
                  </Td>
                  <Td>
                    {link ? (
                      <Link href={link} className="text-brand-700 hover:underline">
                        {f.title}
                      </Link>
                    ) : (
                      f.title
                    )}
                  </Td>
                  <Td className="font-mono text-xs">{f.type}</Td>
                  <Td>{f.count}×</Td>
                  <Td className="whitespace-nowrap">{new Date(f.lastSeenAt).toLocaleString()}</Td>
                  <Td>
                    <StatusBadge status={f.status} />
                  </Td>
                  <Td className="text-right whitespace-nowrap">
                    {canManage && f.status === "OPEN" && (
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => set.mutate({ id: f.id, status: "ACKNOWLEDGED" })}
                      >
                        Acknowledge
                      </Button>
                    )}
                    {canManage && f.status !== "RESOLVED" && (
                      <Button size="sm" variant="ghost" onClick={() => set.mutate({ id: f.id, status: "RESOLVED" })}>
                        Resolve
                      </Button>
                    )}
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
