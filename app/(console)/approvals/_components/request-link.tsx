"use client";

import Link from "next/link";
import { EmptyState } from "@/components/layout/empty-state";
import { LoadingState } from "@/components/layout/loading-state";
import { EnvBadge, RiskBadge, StatusBadge } from "@/components/layout/status-badges";
import { Badge } from "@/components/ui/badge";
import { Timestamp } from "@/components/ui/timestamp";
import { useApprovals } from "@/lib/queries/approvals";
import type { Jsonified } from "@/lib/queries/jsonified";
import { enumLabel } from "@/lib/schemas/enum-labels";
import type { ApprovalView } from "@/lib/services/approvals/list-approvals";
import { RequestCard } from "./inbox";

const VOTED = { APPROVE: "Approved", DENY: "Denied" } as const;

/** A request that is not this person's to vote on (now): what was decided, by whom and when, or what it waits for. */
function RequestOutcome({ r }: { r: Jsonified<ApprovalView> }) {
  const what = r.toolName ?? (r.access as { tools?: string[] } | null)?.tools?.join(", ");
  return (
    <article
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      data-testid="request-outcome"
      aria-label={`Request ${r.toolName ?? r.kind}`}
    >
      <header className="flex flex-wrap items-center gap-2">
        <RiskBadge risk={r.risk} />
        <Badge tone="info">{enumLabel(r.kind)}</Badge>
        <h3 className="font-mono text-sm font-semibold break-all">
          {r.server?.slug}
          {what ? ` / ${what}` : ""}
        </h3>
        {r.server && <EnvBadge env={r.server.environment} />}
        <span className="ml-auto">
          <StatusBadge status={r.status} />
        </span>
      </header>
      <p className="mt-2 text-sm text-slate-700">{r.context.reason.detail}</p>
      <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-slate-500">Asked</dt>
        <dd>
          <Timestamp value={r.createdAt} /> by {r.requesterLabel}
        </dd>
        {r.status === "PENDING" ? (
          <>
            <dt className="text-slate-500">Waiting</dt>
            <dd>
              {r.approvals} of {r.requiredApprovals} approvals, until <Timestamp value={r.expiresAt} />
              {r.voteBarrier && <span className="block text-slate-500">{r.voteBarrier}</span>}
            </dd>
          </>
        ) : (
          <>
            <dt className="text-slate-500">Decided</dt>
            <dd data-testid="decided-at">
              <Timestamp value={r.decidedAt ?? (r.status === "EXPIRED" ? r.expiresAt : null)} empty="—" />
            </dd>
          </>
        )}
        {r.breakGlassBy && (
          <>
            <dt className="text-slate-500">Break-glass</dt>
            <dd>
              {r.breakGlassBy}: “{r.breakGlassReason}”
            </dd>
          </>
        )}
        {r.votes.length > 0 && (
          <>
            <dt className="text-slate-500">Votes</dt>
            <dd>
              <ul data-testid="request-votes">
                {r.votes.map((v) => (
                  <li key={v.id}>
                    {VOTED[v.decision]} by {v.approver.name} ({v.approver.email}), <Timestamp value={v.createdAt} />
                    {v.comment ? `: “${v.comment}”` : ""}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
    </article>
  );
}

/**
 * The request a link names (a notification, a webhook, a chat message), for every role that reads approvals:
 * the card to vote on when it waits for this person, otherwise its decision, who made it and when.
 */
export function RequestLink({ id }: { id: string }) {
  const found = useApprovals({ view: "history", id });
  if (found.isPending) return <LoadingState />;
  const r = found.data?.[0];
  return (
    <div className="space-y-4">
      {!r ? (
        <EmptyState title="No request with this id">The link may be incomplete.</EmptyState>
      ) : r.canVote ? (
        <RequestCard r={r} />
      ) : (
        <RequestOutcome r={r} />
      )}
      <Link href="/approvals" className="block text-sm text-brand-700 underline">
        All approvals
      </Link>
    </div>
  );
}
