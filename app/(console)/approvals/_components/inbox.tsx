"use client";

import { useState } from "react";
import { EmptyState } from "@/components/layout/empty-state";
import { EnvBadge, RiskBadge } from "@/components/layout/status-badges";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { useApprovals, useVote } from "@/lib/queries/approvals";
import type { ApprovalView } from "@/lib/services/approvals/list-approvals";
import { LoadingState } from "@/components/layout/loading-state";

const timeLeft = (iso: string | Date) => {
  const ms = new Date(iso).getTime() - Date.now();
  if (ms <= 0) return "expired";
  const m = Math.floor(ms / 60_000);
  return m >= 120 ? `${Math.floor(m / 60)} h left` : `${m} min left`;
};

function RequestCard({ r }: { r: ApprovalView }) {
  const vote = useVote();
  const toast = useToast();
  const [comment, setComment] = useState("");
  const cast = async (decision: "approve" | "deny") => {
    const result = await vote.mutateAsync({ id: r.id, decision, comment: comment || undefined });
    toast.show(
      result.status === "PENDING"
        ? `Vote recorded: ${result.approvals} of ${result.requiredApprovals} approvals`
        : `Request ${result.status.toLowerCase()}`,
    );
  };
  const access = r.access as { tools: string[]; durationHours: number } | null;
  return (
    <article
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      data-testid={`approval-${r.id}`}
      aria-label={`Request ${r.toolName ?? r.kind}`}
    >
      <header className="flex flex-wrap items-center gap-2">
        <RiskBadge risk={r.risk} />
        <Badge tone="info">{r.kind.replaceAll("_", " ")}</Badge>
        <h3 className="font-mono text-sm font-semibold">
          {r.server?.slug} / {r.toolName ?? access?.tools.join(", ")}
        </h3>
        {r.server && <EnvBadge env={r.server.environment} />}
        <span className="ml-auto text-xs text-slate-500">
          {timeLeft(r.expiresAt)}
          {r.escalatedAt ? " · escalated" : ""}
        </span>
      </header>
      <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
        <div>
          <dt className="inline text-slate-500">Agent: </dt>
          <dd className="inline font-medium">
            {r.agent?.name ?? "—"} ({r.agent?.clientId})
          </dd>
        </div>
        <div>
          <dt className="inline text-slate-500">On behalf of: </dt>
          <dd className="inline font-medium">{r.onBehalfOf ?? r.requesterLabel}</dd>
        </div>
        <div className="sm:col-span-2">
          <dt className="inline text-slate-500">Why: </dt>
          <dd className="inline">{r.reason}</dd>
        </div>
        <div>
          <dt className="inline text-slate-500">Approvals: </dt>
          <dd className="inline">
            {r.approvals} of {r.requiredApprovals}
          </dd>
        </div>
        {access && (
          <div>
            <dt className="inline text-slate-500">Duration: </dt>
            <dd className="inline">{access.durationHours} h</dd>
          </div>
        )}
      </dl>
      {r.argsRedacted !== null && (
        <pre className="mt-3 max-h-56 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs ring-1 ring-slate-200">
          {JSON.stringify(r.argsRedacted, null, 2)}
        </pre>
      )}
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <input
          aria-label="Comment"
          placeholder="Comment (optional)"
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          className="min-w-64 flex-1 rounded-md border border-slate-300 px-3 py-1.5 text-sm"
        />
        <Button onClick={() => cast("approve")} disabled={vote.isPending}>
          Approve
        </Button>
        <Button variant="danger" onClick={() => cast("deny")} disabled={vote.isPending}>
          Deny
        </Button>
      </div>
    </article>
  );
}

export function Inbox() {
  const inbox = useApprovals({ view: "inbox" });
  if (inbox.isPending) return <LoadingState />;
  if (!inbox.data?.length)
    return <EmptyState title="Nothing waiting for you">New requests appear here within seconds.</EmptyState>;
  return (
    <div className="space-y-4">
      {inbox.data.map((r) => (
        <RequestCard key={r.id} r={r} />
      ))}
    </div>
  );
}
