"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { useCancelCampaign, useSignOff, useStartCampaign } from "@/lib/queries/reviews";
import type { Jsonified } from "@/lib/queries/jsonified";
import type { CampaignDetail } from "@/lib/services/reviews/get-campaign";

/** Start (ADMIN, draft), cancel (ADMIN), and sign-off (ADMIN or AUDITOR, once nothing is open). */
export function CampaignActions({
  c,
  canManage,
  canSignOff,
}: {
  c: Jsonified<CampaignDetail>;
  canManage: boolean;
  canSignOff: boolean;
}) {
  const start = useStartCampaign();
  const cancel = useCancelCampaign();
  const signOff = useSignOff();
  const toast = useToast();
  const [statement, setStatement] = useState("");
  const [reason, setReason] = useState("");
  const [cancelling, setCancelling] = useState(false);
  const live = c.status === "DRAFT" || c.status === "ACTIVE";
  return (
    <div className="flex flex-wrap items-center gap-2">
      {canManage && c.status === "DRAFT" && (
        <Button
          onClick={async () => {
            const r = await start.mutateAsync(c.id);
            toast.show(`Started: ${r.populationCount} items frozen`);
          }}
          disabled={start.isPending}
        >
          Start campaign
        </Button>
      )}
      {canSignOff && c.status === "ACTIVE" && c.signOffBarrier && (
        <p className="max-w-md text-xs text-amber-800" data-testid="sign-off-barrier">
          {c.signOffBarrier}
        </p>
      )}
      {canSignOff && c.status === "ACTIVE" && !c.signOffBarrier && (
        <>
          <input
            aria-label="Sign-off statement"
            placeholder={c.progress.open ? `${c.progress.open} items still open` : "Sign-off statement"}
            value={statement}
            onChange={(e) => setStatement(e.target.value)}
            disabled={c.progress.open > 0}
            className="min-w-72 rounded-md border border-slate-300 px-3 py-1.5 text-sm disabled:bg-slate-50"
          />
          <Button
            onClick={async () => {
              await signOff.mutateAsync({ id: c.id, statement });
              toast.show(`Signed off ${c.period}: the campaign is locked`);
            }}
            disabled={c.progress.open > 0 || statement.trim().length < 3 || signOff.isPending}
          >
            Sign off
          </Button>
        </>
      )}
      {canManage && live && !cancelling && (
        <Button variant="ghost" onClick={() => setCancelling(true)}>
          Cancel campaign…
        </Button>
      )}
      {cancelling && (
        <>
          <input
            aria-label="Reason to cancel"
            placeholder="Why cancel?"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm"
          />
          <Button
            variant="danger"
            disabled={reason.trim().length < 3 || cancel.isPending}
            onClick={async () => {
              await cancel.mutateAsync({ id: c.id, reason });
              setCancelling(false);
            }}
          >
            Cancel campaign
          </Button>
        </>
      )}
    </div>
  );
}
