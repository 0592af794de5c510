"use client";

import { useState } from "react";
import { EmptyState } from "@/components/layout/empty-state";
import { RiskBadge, StatusBadge } from "@/components/layout/status-badges";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { ACTIONS_COLUMN, DataTable, Td } from "@/components/ui/data-table";
import { useToolAction } from "@/lib/queries/servers";
import { BulkToolApproval, bulkApprovable } from "./bulk-tool-approval";
import { ManifestImport } from "./manifest-import";
import type { TabProps } from "./types";
import { ToolReview } from "./tool-review";
import { RiskLevel } from "@/lib/generated/prisma/enums";

type ToolRow = TabProps["server"]["tools"][number];

export function ToolsTab({ server, canReviewTools }: TabProps) {
  const action = useToolAction(server.slug);
  const [reviewing, setReviewing] = useState<ToolRow | null>(null);
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const eligible = canReviewTools ? server.tools.filter(bulkApprovable) : [];
  const selected = eligible.filter((t) => ticked.has(t.id));
  const tick = (id: string, on: boolean) =>
    setTicked((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const suspend = (t: ToolRow) => {
    const reason = window.prompt(
      t.suspendedReason ? "Reason for reinstating this tool" : "Reason for suspending this tool",
    );
    if (reason) action.mutate({ id: t.id, action: "suspension", body: { suspended: !t.suspendedReason, reason } });
  };
  return (
    <div className="space-y-6">
      {server.canEdit && <ManifestImport slug={server.slug} />}
      <Card title={`Tools (${server.tools.length})`}>
        {eligible.length > 0 && (
          <BulkToolApproval slug={server.slug} selected={selected} onDone={() => setTicked(new Set())} />
        )}
        <DataTable
          label="Tools"
          columns={["Tool", "Risk", "Review", "Approval", "State", ACTIONS_COLUMN]}
          rows={server.tools}
          rowKey={(t) => t.id}
          rowProps={(t) => ({ "data-testid": `tool-row-${t.name}` })}
          empty={
            <EmptyState title="No tools imported">
              Paste or upload the server&apos;s tools/list result above.
            </EmptyState>
          }
        >
          {(t) => (
            <>
              <Td>
                {bulkApprovable(t) && canReviewTools && (
                  <input
                    type="checkbox"
                    className="mr-2 align-middle"
                    aria-label={`Select ${t.name} for bulk approval`}
                    checked={ticked.has(t.id)}
                    onChange={(e) => tick(t.id, e.target.checked)}
                  />
                )}
                <p className="inline font-mono text-xs font-medium">{t.name}</p>
                <p className="max-w-md text-xs text-slate-500">{t.description}</p>
                {t.poisoning.flagged && <Badge tone="danger">possible tool poisoning</Badge>}
              </Td>
              <Td>
                {canReviewTools ? (
                  <select
                    aria-label={`Risk of ${t.name}`}
                    value={t.riskOverride ?? ""}
                    className="mb-1 rounded border border-slate-300 px-1 text-xs"
                    onChange={(e) => {
                      const reason =
                        window.prompt(
                          e.target.value
                            ? `Reason for rating ${t.name} ${e.target.value}`
                            : "Reason for returning to the computed risk",
                        ) ?? "";
                      if (reason)
                        action.mutate({
                          id: t.id,
                          action: "update",
                          body: { riskOverride: e.target.value || null, reason },
                        });
                    }}
                  >
                    <option value="">computed: {t.risk}</option>
                    {Object.values(RiskLevel).map((r) => (
                      <option key={r} value={r}>
                        override: {r}
                      </option>
                    ))}
                  </select>
                ) : null}
                <RiskBadge risk={t.riskOverride ?? t.risk} />
                {t.riskOverride && (
                  <p className="text-xs text-slate-500" title={t.riskOverrideReason ?? ""}>
                    overridden from {t.risk}
                  </p>
                )}
              </Td>
              <Td>
                <StatusBadge status={t.status} />
                {t.status === "PENDING_REVIEW" && t.approvedHash && (
                  <p className="text-xs font-medium text-red-700">definition changed</p>
                )}
              </Td>
              <Td>
                <label className="flex items-center gap-1.5 text-xs">
                  <input
                    type="checkbox"
                    checked={t.requiresApproval}
                    disabled={!server.canEdit}
                    onChange={(e) =>
                      action.mutate({
                        id: t.id,
                        action: "update",
                        body: {
                          requiresApproval: e.target.checked,
                          reason: e.target.checked
                            ? undefined
                            : (window.prompt("Reason for running without approval") ?? undefined),
                        },
                      })
                    }
                  />
                  requires approval
                </label>
              </Td>
              <Td>
                {t.suspendedReason ? (
                  <Badge tone="danger">Suspended</Badge>
                ) : t.enabled ? (
                  <Badge tone="success">Enabled</Badge>
                ) : (
                  <Badge>Disabled</Badge>
                )}
              </Td>
              <Td className="text-right whitespace-nowrap">
                {canReviewTools && t.status === "PENDING_REVIEW" && (
                  <Button size="sm" onClick={() => setReviewing(t)}>
                    Review
                  </Button>
                )}
                {server.canEdit && (
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => action.mutate({ id: t.id, action: "update", body: { enabled: !t.enabled } })}
                  >
                    {t.enabled ? "Disable" : "Enable"}
                  </Button>
                )}
                {server.canEdit && (
                  <Button size="sm" variant={t.suspendedReason ? "secondary" : "ghost"} onClick={() => suspend(t)}>
                    {t.suspendedReason ? "Reinstate" : "Suspend"}
                  </Button>
                )}
              </Td>
            </>
          )}
        </DataTable>
      </Card>
      <Dialog open={reviewing !== null} onClose={() => setReviewing(null)} title={`Review ${reviewing?.name ?? ""}`}>
        {reviewing && (
          <ToolReview
            slug={server.slug}
            tool={reviewing}
            canBreakGlass={server.canBreakGlass}
            pendingRequest={server.pendingRequests?.find(
              (r) => r.kind === "TOOL_CHANGE" && r.toolName === reviewing.name,
            )}
            onDone={() => setReviewing(null)}
          />
        )}
      </Dialog>
    </div>
  );
}
