"use client";

import { Timestamp } from "@/components/ui/timestamp";
import { useCampaign } from "@/lib/queries/reviews";
import { reviewPackHref } from "@/app/(console)/reports/_components/report-links";
import { CampaignActions } from "./campaign-actions";
import { CampaignDashboard } from "./campaign-dashboard";
import { CampaignItems } from "./campaign-items";
import { CampaignStatus } from "./campaign-status";
import type { ReviewPermissions } from "./types";

function SignerPart({ part }: { part: unknown }) {
  const p = part as { decided: number; reassigned: number; allowedBecause: string };
  return (
    <span className="mt-1 block text-xs">
      The signer decided {p.decided} and reassigned {p.reassigned} item(s): {p.allowedBecause}.
    </span>
  );
}

/** One campaign: its facts (scope, due date, default, population hash), dashboard, items and sign-off. */
export function CampaignDetail({ id, canManage, canSignOff, canExport, seesAll }: { id: string } & ReviewPermissions) {
  const q = useCampaign(id);
  if (q.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (!q.data) return <p className="text-sm text-red-700">{q.error?.message ?? "Campaign not found"}</p>;
  const c = q.data;
  const scope = c.scope as { environments: string[]; classifications: string[]; teamIds: string[] };
  const scopeText =
    [
      ...scope.environments,
      ...scope.classifications,
      ...(scope.teamIds.length ? [`${scope.teamIds.length} team(s)`] : []),
    ].join(", ") || "every server";
  return (
    <div className="space-y-6">
      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label="Campaign">
        <div className="flex flex-wrap items-center gap-3">
          <h2 className="text-lg font-semibold">{c.name}</h2>
          <CampaignStatus status={c.status} />
          <div className="ml-auto flex flex-wrap items-center gap-3">
            {canExport && c.status !== "DRAFT" && (
              <a
                className="text-sm text-brand-700 hover:underline"
                href={reviewPackHref(c.id)}
                download
                data-testid="download-review-pack"
              >
                Download evidence pack
              </a>
            )}
            <CampaignActions c={c} canManage={canManage} canSignOff={canSignOff} />
          </div>
        </div>
        <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-2 xl:grid-cols-3">
          <div>
            <dt className="inline text-slate-500">Scope: </dt>
            <dd className="inline">{scopeText}</dd>
          </div>
          <div>
            <dt className="inline text-slate-500">Due: </dt>
            <dd className="inline">
              <Timestamp value={c.dueAt} precision="day" />
              {c.status === "ACTIVE" && ` (${c.progress.daysLeft} days left)`}
            </dd>
          </div>
          <div>
            <dt className="inline text-slate-500">Undecided at the due date: </dt>
            <dd className="inline">{c.defaultAction === "KEEP" ? "kept, as exceptions" : "revoked"}</dd>
          </div>
          <div>
            <dt className="inline text-slate-500">Started: </dt>
            <dd className="inline">
              <Timestamp value={c.startedAt} precision="day" /> {c.startedByLabel && `by ${c.startedByLabel}`}
            </dd>
          </div>
          <div>
            <dt className="inline text-slate-500">Separation of duties: </dt>
            <dd className="inline" data-testid="campaign-sod">
              {c.allowOwnerSelfReview ? "self-review allowed (marked in the evidence)" : "no self-review"}
              {" · "}
              {c.allowDeciderSignOff ? "deciders may sign off" : "an independent signer"}
            </dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="inline text-slate-500">Population: </dt>
            <dd className="inline">
              {c.populationCount ?? 0} items · sha256{" "}
              <code className="font-mono text-xs break-all" data-testid="population-hash">
                {c.populationHash ?? "frozen at start"}
              </code>
            </dd>
          </div>
        </dl>
        {c.status === "CANCELLED" && <p className="mt-3 text-sm text-amber-800">Cancelled: {c.cancelReason}</p>}
        {c.signedOffAt && (
          <p
            className="mt-3 rounded-md bg-emerald-50 p-3 text-sm text-emerald-800 ring-1 ring-emerald-200"
            data-testid="sign-off"
          >
            Signed off by {c.signedOffByLabel} on <Timestamp value={c.signedOffAt} precision="day" /> (audit #
            {c.signOffSequence}): “{c.signOffStatement}”{c.signOffConflict && <SignerPart part={c.signOffConflict} />}
          </p>
        )}
        {c.progress.warnings.map((w) => (
          <p
            key={w}
            role="note"
            className="mt-3 rounded-md bg-amber-50 p-3 text-sm text-amber-800 ring-1 ring-amber-200"
          >
            {w}
          </p>
        ))}
      </section>
      {c.status !== "DRAFT" && <CampaignDashboard c={c} />}
      {c.status !== "DRAFT" && seesAll && (
        <CampaignItems campaignId={c.id} canManage={canManage && c.status === "ACTIVE"} />
      )}
    </div>
  );
}
