"use client";

import Link from "next/link";
import { useState } from "react";
import { BreakGlassButton } from "@/app/(console)/_components/break-glass-button";
import { Button } from "@/components/ui/button";
import { TextareaField } from "@/components/ui/textarea-field";
import { useToast } from "@/components/ui/toast";
import { useToolAction } from "@/lib/queries/servers";
import { definitionOf, diffDefinitions, type ToolDefinition } from "@/lib/registry/tool-definition";
import { PoisoningFindings } from "./poisoning-findings";
import { SecondOpinionPanel } from "./second-opinion";
import type { TabProps } from "./types";

type ToolRow = TabProps["server"]["tools"][number];

/**
 * Shows what changed since the approved definition (or the whole definition, the first time) and approves
 * exactly this hash. A definition flagged as possible tool poisoning shows why, and needs an explicit,
 * justified override (the server refuses it otherwise and audits the override).
 */
export function ToolReview({
  slug,
  tool,
  pendingRequest,
  canBreakGlass,
  onDone,
}: {
  slug: string;
  tool: ToolRow;
  pendingRequest?: { id: string; requiredApprovals: number; reason: string };
  canBreakGlass: boolean;
  onDone: () => void;
}) {
  const action = useToolAction(slug);
  const toast = useToast();
  const before = (tool.approvedDefinition ?? null) as ToolDefinition | null;
  const changes = diffDefinitions(before, definitionOf(tool as Parameters<typeof definitionOf>[0]));
  const flagged = tool.poisoning.flagged;
  const [override, setOverride] = useState(false);
  const [justification, setJustification] = useState("");
  const ready = !flagged || (override && justification.trim().length >= 10);
  const approve = async () => {
    const body = {
      definitionHash: tool.definitionHash,
      poisoningOverride: flagged ? { justification: justification.trim() } : undefined,
    };
    const r = (await action.mutateAsync({ id: tool.id, action: "review", body })) as
      { pendingApprovalId?: string } | undefined;
    toast.show(r?.pendingApprovalId ? `${tool.name}: approvers are asked` : `${tool.name} approved`);
    onDone();
  };
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        {before
          ? "The definition changed since it was approved. Until you approve the new one, every call to this tool is denied."
          : "First review of this tool."}
      </p>
      <div className="max-h-96 space-y-3 overflow-auto" data-testid="tool-diff">
        {changes.map((c) => (
          <div key={c.field}>
            <p className="text-xs font-semibold text-slate-500 uppercase">{c.field}</p>
            {before && (
              <pre className="mt-1 rounded bg-red-50 p-2 text-xs whitespace-pre-wrap text-red-900">- {c.before}</pre>
            )}
            <pre className="mt-1 rounded bg-emerald-50 p-2 text-xs whitespace-pre-wrap text-emerald-900">
              + {c.after}
            </pre>
          </div>
        ))}
      </div>
      {flagged && <PoisoningFindings verdict={tool.poisoning} />}
      <SecondOpinionPanel toolId={tool.id} />
      <p className="font-mono text-xs break-all text-slate-500">sha256 {tool.definitionHash}</p>
      {flagged && (
        <div className="space-y-2">
          <label className="flex items-start gap-2 text-sm text-slate-800">
            <input
              type="checkbox"
              className="mt-1"
              checked={override}
              onChange={(e) => setOverride(e.target.checked)}
            />
            I have read the flagged text and approve this definition anyway (the override is audited)
          </label>
          {override && (
            <TextareaField
              label="Justification"
              rows={3}
              value={justification}
              onChange={(e) => setJustification(e.target.value)}
              placeholder="Why this text is safe for the model to read"
              error={justification && justification.trim().length < 10 ? "At least a sentence, please" : undefined}
            />
          )}
        </div>
      )}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onDone}>
          Close
        </Button>
        {pendingRequest ? (
          <>
            <Link className="self-center text-sm underline" href={`/approvals?request=${pendingRequest.id}`}>
              Waiting for {pendingRequest.requiredApprovals} approval{pendingRequest.requiredApprovals === 1 ? "" : "s"}
            </Link>
            {canBreakGlass && <BreakGlassButton requestId={pendingRequest.id} what={pendingRequest.reason} />}
          </>
        ) : (
          <Button onClick={approve} disabled={action.isPending || !ready}>
            {flagged
              ? "Override and approve"
              : before
                ? "Ask approvers about this definition"
                : "Approve this definition"}
          </Button>
        )}
      </div>
    </div>
  );
}
