"use client";

import { Button } from "@/components/ui/button";
import { verifySummary } from "@/lib/audit/verify-report";
import { useVerifyAudit } from "@/lib/queries/audit";

export function VerifyPanel() {
  const verify = useVerifyAudit();
  const r = verify.data;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={() => verify.mutate()} disabled={verify.isPending}>
          {verify.isPending ? "Verifying…" : "Verify integrity"}
        </Button>
        {r && (
          <p
            data-testid="verify-result"
            className={`rounded-md px-3 py-1.5 text-sm ring-1 ${r.ok ? "bg-emerald-50 text-emerald-800 ring-emerald-200" : "bg-red-50 text-red-800 ring-red-200"}`}
          >
            {verifySummary(r)}
          </p>
        )}
      </div>
      {r && r.notes.length > 0 && (
        <ul data-testid="verify-notes" className="list-disc pl-5 text-xs text-slate-600">
          {r.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
