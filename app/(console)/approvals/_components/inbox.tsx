"use client";

import { useState, type ReactNode } from "react";
import { EmptyState } from "@/components/layout/empty-state";
import { EnvBadge, RiskBadge } from "@/components/layout/status-badges";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Timestamp } from "@/components/ui/timestamp";
import { useToast } from "@/components/ui/toast";
import { DefinitionDiff, ReadinessSummary } from "./request-context";
import { useApprovals, useVote } from "@/lib/queries/approvals";
import type { Jsonified } from "@/lib/queries/jsonified";
import type { ApprovalView } from "@/lib/services/approvals/list-approvals";
import { LoadingState } from "@/components/layout/loading-state";
import { enumLabel } from "@/lib/schemas/enum-labels";

const timeLeft = (iso: string) => {
  const ms = new Date(iso).getTime() - Date.now();
  if (ms <= 0) return "expired";
  const m = Math.floor(ms / 60_000);
  return m >= 120 ? `${Math.floor(m / 60)} h left` : `${m} min left`;
};

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="inline text-slate-500">{label}: </dt>
      <dd className="inline font-medium">{children}</dd>
    </div>
  );
}

/** A pending request with everything an approver needs to decide it, and the vote. */
export function RequestCard({ r }: { r: Jsonified<ApprovalView> }) {
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
  // A flagged tool change is approved only by an admin's justified override: votes can deny it, never approve it.
  const needsOverride = Boolean(r.context.toolChange?.hiddenInstructions);
  return (
    <article
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      data-testid={`approval-${r.id}`}
      aria-label={`Request ${r.toolName ?? r.kind}`}
    >
      <header className="flex flex-wrap items-center gap-2">
        <RiskBadge risk={r.risk} />
        <Badge tone="info">{enumLabel(r.kind)}</Badge>
        <h3 className="font-mono text-sm font-semibold">
          {r.server?.slug} / {r.toolName ?? access?.tools.join(", ")}
        </h3>
        {r.server && <EnvBadge env={r.server.environment} />}
        <span className="ml-auto text-xs text-slate-500">
          {timeLeft(r.expiresAt)}
          {r.escalatedAt ? " · escalated" : ""}
        </span>
      </header>
      <p className="mt-3 text-sm">
        {r.context.reason.rule && <span className="font-medium">{r.context.reason.title} —</span>}{" "}
        <span className="text-slate-700">{r.context.reason.detail}</span>{" "}
        {r.context.reason.rule && <Badge>{r.context.reason.rule}</Badge>}
      </p>
      <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
        {r.agent ? (
          <>
            <Fact label="Agent">
              {r.agent.name} <span className="font-mono text-xs text-slate-500">{r.agent.clientId}</span>
            </Fact>
            <Fact label="On behalf of">
              {r.onBehalfOf ?? "—"}
              {r.onBehalfOf && r.userSource !== "verified" && (
                <span title="Named by the agent, not proven by a token: it does not bar anyone from voting">
                  {" "}
                  <Badge>asserted</Badge>
                </span>
              )}
            </Fact>
          </>
        ) : (
          <Fact label="Requested by">
            {r.context.requestedBy.name
              ? `${r.context.requestedBy.name} (${r.context.requestedBy.label})`
              : r.context.requestedBy.label}
            {r.context.requestedBy.teams.length > 0 && (
              <span className="text-slate-500"> · {r.context.requestedBy.teams.join(", ")}</span>
            )}
          </Fact>
        )}
        <Fact label="Approvals">
          {r.approvals} of {r.requiredApprovals}
        </Fact>
        <Fact label="Asked">
          <Timestamp value={r.createdAt} />
        </Fact>
        {access && <Fact label="Duration">{access.durationHours} h</Fact>}
      </dl>
      {r.context.readiness && <ReadinessSummary readiness={r.context.readiness} />}
      {r.context.toolChange && <DefinitionDiff change={r.context.toolChange} />}
      {r.argsRedacted !== null && (
        <pre className="mt-3 max-h-56 overflow-y-auto rounded bg-slate-50 p-2 font-mono text-xs break-all whitespace-pre-wrap ring-1 ring-slate-200">
          {JSON.stringify(r.argsRedacted, null, 2)}
        </pre>
      )}
      <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-center">
        <input
          aria-label="Comment"
          placeholder="Comment (optional)"
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          className="w-full flex-1 rounded-md border sm:min-w-64 border-slate-300 px-3 py-1.5 text-sm"
        />
        <Button
          onClick={() => cast("approve")}
          disabled={vote.isPending || needsOverride}
          title={needsOverride ? "Needs an admin's override: approvers may deny it" : undefined}
        >
          Approve
        </Button>
        <ConfirmButton
          title="Deny this request?"
          description="The call, or the change, is refused. The agent must ask again, and your vote is recorded."
          onConfirm={() => cast("deny")}
          disabled={vote.isPending}
        >
          Deny
        </ConfirmButton>
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
