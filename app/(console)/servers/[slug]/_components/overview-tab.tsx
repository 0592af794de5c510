"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { ServerForm } from "../../_components/server-form";
import { LifecycleActions } from "./lifecycle-actions";
import type { TabProps } from "./types";
import { describeArgumentRule, ZArgumentRules } from "@/lib/schemas/argument-rule";
import { enumLabel } from "@/lib/schemas/enum-labels";

export function OverviewTab({ server: s }: TabProps) {
  const [editing, setEditing] = useState(false);
  const rows: [string, string][] = [
    ["Owner team", s.ownerTeam?.name ?? "—"],
    ["Primary owner", s.primaryOwner ? `${s.primaryOwner.name} <${s.primaryOwner.email}>` : "—"],
    ["Transport", enumLabel(s.transport)],
    ["Endpoint", s.endpoint],
    ["Hosting", s.vendor ? `${enumLabel(s.hosting)} (${s.vendor})` : enumLabel(s.hosting)],
    ["Version", s.version ?? "—"],
    ["Data classification", s.dataClassification ? enumLabel(s.dataClassification) : "Not classified"],
    ["Tags", s.tags.join(", ") || "—"],
    ["Rate limit / agent / min", s.rateLimitPerMinute?.toString() ?? "None"],
    ["Max records per call", s.maxRecordsPerCall?.toString() ?? "None"],
    [
      "Argument rules (policy YAML)",
      (ZArgumentRules.safeParse(s.argumentRules).data ?? [])
        .map((r) => `${r.kind}: ${describeArgumentRule(r)}`)
        .join("; ") || "None",
    ],
    ["Session timeout", s.sessionTimeoutMinutes ? `${s.sessionTimeoutMinutes} min` : "None"],
    ["Requires active session", s.requiresActiveSession ? "Yes" : "No"],
    ["High-risk approval", s.highRiskApproval ? "Yes" : "No"],
    ["Audit retention", `${s.auditRetentionDays} days`],
    ["SIEM forward", s.siemForward ?? "—"],
    ["Approvers needed", s.approvalsRequired?.toString() ?? "1 (2 for CRITICAL or RESTRICTED)"],
    ["Approval window", `${s.approvalTtlMinutes ?? 30} min${s.approvalCommentRequired ? ", comment required" : ""}`],
    ["Policy version", s.policyVersion],
  ];
  return (
    <div className="space-y-6">
      <LifecycleActions server={s} />
      {s.readinessOverride && (
        <p className="rounded-md bg-amber-50 p-3 text-sm ring-1 ring-amber-200" data-testid="readiness-override">
          Activated despite failing readiness. Justification: “{s.readinessOverride}”
        </p>
      )}
      <Card
        title="Details"
        actions={
          s.canEdit && (
            <Button size="sm" variant="secondary" onClick={() => setEditing(true)}>
              Edit
            </Button>
          )
        }
      >
        <dl className="grid grid-cols-1 gap-x-8 gap-y-2 text-sm sm:grid-cols-2">
          {rows.map(([k, v]) => (
            <div key={k} className="flex justify-between gap-4 border-b border-slate-100 py-1.5">
              <dt className="text-slate-500">{k}</dt>
              <dd className="text-right font-medium break-all">{v}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <Dialog open={editing} onClose={() => setEditing(false)} title="Edit server">
        <ServerForm server={s} onDone={() => setEditing(false)} />
      </Dialog>
      <LifecycleActions server={s} danger />
    </div>
  );
}
