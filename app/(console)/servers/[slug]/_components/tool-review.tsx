"use client";

import Link from "next/link";
import { BreakGlassButton } from "@/app/(console)/_components/break-glass-button";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { useToolAction } from "@/lib/queries/servers";
import { definitionOf, diffDefinitions, type ToolDefinition } from "@/lib/registry/tool-definition";
import type { TabProps } from "./server-detail-view";

type ToolRow = TabProps["server"]["tools"][number];

/** Shows what changed since the approved definition (or the whole definition, the first time) and approves exactly this hash. */
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
  const approve = async () => {
    const r = (await action.mutateAsync({
      id: tool.id,
      action: "review",
      body: { definitionHash: tool.definitionHash },
    })) as { pendingApprovalId?: string } | undefined;
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
      <p className="font-mono text-xs break-all text-slate-500">sha256 {tool.definitionHash}</p>
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
          <Button onClick={approve} disabled={action.isPending}>
            {before ? "Ask approvers about this definition" : "Approve this definition"}
          </Button>
        )}
      </div>
    </div>
  );
}
