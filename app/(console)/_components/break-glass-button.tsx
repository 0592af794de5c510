"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextareaField } from "@/components/ui/textarea-field";
import { useToast } from "@/components/ui/toast";
import { useBreakGlass } from "@/lib/queries/approvals";
import { ApiError } from "@/lib/queries/api-client";

/**
 * The explicit way past the approvers, for an ADMIN: a written justification and a confirmation. It
 * raises a CRITICAL finding, tells every approver and shows in approval history.
 */
export function BreakGlassButton({ requestId, what }: { requestId: string; what: string }) {
  const [open, setOpen] = useState(false);
  const [justification, setJustification] = useState("");
  const [error, setError] = useState<string>();
  const breakGlass = useBreakGlass();
  const toast = useToast();
  const confirm = async () => {
    try {
      await breakGlass.mutateAsync({ id: requestId, justification });
      toast.show(`Break glass: ${what} applied; approvers are notified`);
      setOpen(false);
    } catch (e) {
      if (e instanceof ApiError) setError(e.fields.justification ?? e.message);
    }
  };
  return (
    <>
      <Button variant="danger" size="sm" onClick={() => setOpen(true)}>
        Break glass…
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Break glass">
        <div className="space-y-4">
          <p className="text-sm text-slate-700">
            This applies <strong>{what}</strong> now, without the approvers&apos; votes. It raises a CRITICAL finding,
            notifies every approver and stays in approval history with your name and justification.
          </p>
          <TextareaField
            label="Justification"
            value={justification}
            onChange={(e) => setJustification(e.target.value)}
            error={error}
            rows={3}
            placeholder="Why this cannot wait for the approvers (at least 20 characters)"
          />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button
              variant="danger"
              onClick={confirm}
              disabled={breakGlass.isPending || justification.trim().length < 20}
            >
              Break glass and apply
            </Button>
          </div>
        </div>
      </Dialog>
    </>
  );
}
