"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextareaField } from "@/components/ui/textarea-field";
import { useToast } from "@/components/ui/toast";
import { useBulkToolReview } from "@/lib/queries/servers";
import type { TabProps } from "./types";

type ToolRow = TabProps["server"]["tools"][number];

/** A tool the bulk approval takes: a low-risk first review, not flagged. Anything else is reviewed on its own. */
export const bulkApprovable = (t: ToolRow) =>
  t.status === "PENDING_REVIEW" && !t.approvedHash && (t.riskOverride ?? t.risk) === "LOW" && !t.poisoning.flagged;

/** The selected low-risk tools, approved together in one dialog with one justification. */
export function BulkToolApproval({
  slug,
  selected,
  onDone,
}: {
  slug: string;
  selected: ToolRow[];
  onDone: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [justification, setJustification] = useState("");
  const review = useBulkToolReview(slug);
  const toast = useToast();
  const approve = async () => {
    const r = await review.mutateAsync({
      tools: selected.map((t) => ({ id: t.id, definitionHash: t.definitionHash })),
      justification: justification.trim(),
    });
    toast.show(`${r.approved.length} low-risk tool${r.approved.length === 1 ? "" : "s"} approved`);
    setOpen(false);
    setJustification("");
    onDone();
  };
  return (
    <div className="mb-3 flex items-center gap-3 text-sm">
      <Button size="sm" disabled={selected.length === 0} onClick={() => setOpen(true)}>
        Approve selected ({selected.length})
      </Button>
      <span className="text-slate-500">
        Tick low-risk tools waiting for their first review to approve them together.
      </span>
      <Dialog open={open} onClose={() => setOpen(false)} title={`Approve ${selected.length} low-risk tools`}>
        <div className="space-y-3">
          <ul className="max-h-48 list-disc overflow-auto pl-5 font-mono text-xs" data-testid="bulk-tools">
            {selected.map((t) => (
              <li key={t.id}>{t.name}</li>
            ))}
          </ul>
          <TextareaField
            label="Justification (recorded with each tool)"
            value={justification}
            onChange={(e) => setJustification(e.target.value)}
            rows={3}
            error={review.error instanceof Error ? review.error.message : undefined}
          />
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button disabled={justification.trim().length < 10 || review.isPending} onClick={() => void approve()}>
              Approve {selected.length} tools
            </Button>
          </div>
        </div>
      </Dialog>
    </div>
  );
}
