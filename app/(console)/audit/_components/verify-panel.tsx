"use client";

import { Button } from "@/components/ui/button";
import { useVerifyAudit } from "@/lib/queries/audit";

export function VerifyPanel() {
  const verify = useVerifyAudit();
  const r = verify.data;
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button onClick={() => verify.mutate()} disabled={verify.isPending}>
        {verify.isPending ? "Verifying…" : "Verify integrity"}
      </Button>
      {r && (
        <p
          data-testid="verify-result"
          className={`rounded-md px-3 py-1.5 text-sm ring-1 ${r.ok ? "bg-emerald-50 text-emerald-800 ring-emerald-200" : "bg-red-50 text-red-800 ring-red-200"}`}
        >
          {r.ok
            ? `OK: ${r.checked} records and ${r.checkpoints} signed checkpoints verified in ${r.durationMs} ms${r.head ? `, head #${r.head.sequence}` : ""}`
            : `FAILED at sequence ${r.sequence}: ${r.problem}. ${r.detail}`}
        </p>
      )}
    </div>
  );
}
