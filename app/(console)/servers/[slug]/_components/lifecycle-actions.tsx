"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/queries/api-client";
import { useChangeServerStatus } from "@/lib/queries/servers";
import type { TabProps } from "./server-detail-view";

const NEXT: Record<string, { to: string; label: string; admin?: boolean; danger?: boolean; reason?: boolean }[]> = {
  DRAFT: [
    { to: "PENDING_APPROVAL", label: "Submit for approval" },
    { to: "RETIRED", label: "Retire" },
  ],
  PENDING_APPROVAL: [
    { to: "ACTIVE", label: "Activate", admin: true },
    { to: "DRAFT", label: "Back to draft" },
  ],
  ACTIVE: [
    { to: "SUSPENDED", label: "Suspend now", danger: true, reason: true },
    { to: "RETIRED", label: "Retire", admin: true },
  ],
  SUSPENDED: [
    { to: "ACTIVE", label: "Reinstate", admin: true, reason: true },
    { to: "RETIRED", label: "Retire", admin: true },
  ],
  RETIRED: [],
};

/** Lifecycle moves and the server kill switch. A failing PROD checklist asks an admin for a written override. */
export function LifecycleActions({ server, isAdmin }: TabProps) {
  const change = useChangeServerStatus(server.slug);
  const toast = useToast();
  const [reason, setReason] = useState("");
  const [override, setOverride] = useState("");
  const [needsOverride, setNeedsOverride] = useState(false);
  const actions = (NEXT[server.status] ?? []).filter((a) => server.canEdit && (!a.admin || isAdmin));
  if (actions.length === 0) return null;

  const run = async (to: string) => {
    try {
      await change.mutateAsync({
        status: to as "ACTIVE",
        reason: reason || undefined,
        overrideJustification: override || undefined,
      });
      toast.show(`Server is now ${to.replaceAll("_", " ")}`);
      setReason("");
      setOverride("");
      setNeedsOverride(false);
    } catch (e) {
      if (e instanceof ApiError && e.fields.overrideJustification) setNeedsOverride(true);
    }
  };

  return (
    <Card title="Lifecycle">
      <div className="flex flex-wrap items-end gap-3">
        {actions.some((a) => a.reason) && (
          <Field
            label="Reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            className="min-w-72 flex-1"
          />
        )}
        {needsOverride && (
          <Field
            label="Override justification (readiness fails)"
            value={override}
            onChange={(e) => setOverride(e.target.value)}
            className="min-w-72 flex-1"
            hint="At least 20 characters. It is audited and shown on the server."
          />
        )}
        {actions.map((a) => (
          <Button
            key={a.to}
            variant={a.danger ? "danger" : "secondary"}
            disabled={change.isPending}
            onClick={() => run(a.to)}
          >
            {a.label}
          </Button>
        ))}
      </div>
    </Card>
  );
}
