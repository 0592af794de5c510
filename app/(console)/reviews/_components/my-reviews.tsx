"use client";

import { formatUtc } from "@/components/ui/timestamp";
import { useState } from "react";
import { EmptyState } from "@/components/layout/empty-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { useBulkCertify, useReviewItems, useReviewSettings } from "@/lib/queries/reviews";
import type { Jsonified } from "@/lib/queries/jsonified";
import type { ReviewItemRow } from "@/lib/services/reviews/list-review-items";
import { subjectOf } from "./item-facts";
import { ProgressBar } from "./progress-bar";
import { NotYours } from "./not-yours";
import { ReviewItemCard } from "./review-item-card";

const moveFocus = (el: HTMLElement, dir: 1 | -1) => {
  const all = [...document.querySelectorAll<HTMLElement>("[data-review-item]")];
  all[all.indexOf(el) + dir]?.focus();
};

/** The reviewer's workspace: open items by server, progress always in view, bulk-certify for the quiet ones. */
export function MyReviews() {
  const items = useReviewItems({ assignee: "me" });
  const bulk = useBulkCertify();
  const needsWhy = useReviewSettings().data?.certifyNeedsJustification ?? true;
  const toast = useToast();
  const [justification, setJustification] = useState("");
  if (items.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  const live = (items.data ?? []).filter((i) => i.campaign.status === "ACTIVE");
  // Items tied to the reviewer are listed apart, with why: they never count towards their progress.
  const active = live.filter((i) => !i.conflict);
  const barred = live.filter((i) => i.conflict && i.status === "OPEN");
  if (active.length === 0)
    return (
      <div className="space-y-6">
        <EmptyState title="Nothing to review">Items appear here when a campaign assigns them to you.</EmptyState>
        <NotYours items={barred} />
      </div>
    );
  const open = active.filter((i) => i.status === "OPEN" && i.canDecide);
  const decided = active.filter((i) => i.status !== "OPEN");
  const quiet = open.filter((i) => i.bulkEligible);
  const byServer = new Map<string, Jsonified<ReviewItemRow>[]>();
  for (const i of open) byServer.set(i.serverSlug, [...(byServer.get(i.serverSlug) ?? []), i]);
  const due = [...new Set(active.map((i) => `${i.campaign.period} due ${formatUtc(i.campaign.dueAt, "day")}`))];

  const certifyQuiet = async () => {
    const r = await bulk.mutateAsync({ itemIds: quiet.map((i) => i.id), justification });
    toast.show(
      `Certified ${r.certified} item${r.certified === 1 ? "" : "s"}${r.skipped.length ? `, ${r.skipped.length} skipped` : ""}`,
    );
    setJustification("");
  };

  return (
    <div className="space-y-6">
      <div className="sticky top-0 z-10 space-y-3 rounded-lg border border-slate-200 bg-white/95 p-4 shadow-sm backdrop-blur">
        <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
          <span className="font-medium text-slate-800">My progress · {due.join(" · ")}</span>
          <span className="text-xs text-slate-500">Keys: j/k move · c certify · r revoke · m modify</span>
        </div>
        <ProgressBar done={decided.length} total={active.length} label="My review progress" />
        {quiet.length > 0 && (
          <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-3">
            <input
              aria-label="Justification for bulk certification"
              placeholder="One justification for all unchanged, used items"
              value={justification}
              onChange={(e) => setJustification(e.target.value)}
              className="min-w-72 flex-1 rounded-md border border-slate-300 px-3 py-1.5 text-sm"
            />
            <Button
              variant="secondary"
              onClick={certifyQuiet}
              disabled={bulk.isPending || (needsWhy && justification.trim().length < 3)}
            >
              Certify {quiet.length} unchanged, used item{quiet.length === 1 ? "" : "s"}
            </Button>
          </div>
        )}
      </div>
      {open.length === 0 && <EmptyState title="All done">Every item assigned to you is decided. Thank you.</EmptyState>}
      {[...byServer.entries()].map(([server, list]) => (
        <section key={server} aria-label={`Server ${server}`} className="space-y-3">
          <h2 className="flex items-center gap-2 font-mono text-sm font-semibold text-slate-800">
            {server} <Badge>{list.length} open</Badge>
          </h2>
          {list.map((i) => (
            <ReviewItemCard key={i.id} item={i} onMove={moveFocus} certifyNeedsJustification={needsWhy} />
          ))}
        </section>
      ))}
      <NotYours items={barred} />
      {decided.length > 0 && (
        <details className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <summary className="cursor-pointer text-sm font-medium text-slate-700">Decided ({decided.length})</summary>
          <ul className="mt-3 divide-y divide-slate-100 text-sm">
            {decided.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center gap-2 py-2">
                <Badge tone={i.decision === "REVOKE" ? "danger" : i.decision === "MODIFY" ? "warning" : "success"}>
                  {i.decision}
                </Badge>
                <span className="font-mono text-xs">{i.serverSlug}</span>
                <span>{subjectOf(i)}</span>
                <span className="text-slate-500">“{i.justification ?? i.exceptionReason}”</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
