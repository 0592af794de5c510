"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { CampaignDetail } from "./campaign-detail";
import { CampaignsList } from "./campaigns-list";
import { MyReviews } from "./my-reviews";

type Tab = "My reviews" | "Campaigns";
export type ReviewPermissions = {
  canDecide: boolean;
  canManage: boolean;
  canSignOff: boolean;
  /** may download the campaign's signed evidence pack (reports.read) */
  canExport: boolean;
  seesAll: boolean;
};

/** "My reviews" for reviewers, the campaigns for everyone, and one campaign's page at ?campaign=<id>. */
export function ReviewsView(perms: ReviewPermissions) {
  const campaign = useSearchParams().get("campaign");
  const tabs: Tab[] = perms.canDecide ? ["My reviews", "Campaigns"] : ["Campaigns"];
  const [tab, setTab] = useState<Tab>(tabs[0]);
  if (campaign)
    return (
      <>
        <Link href="/reviews" className="mb-4 inline-block text-sm text-brand-700 hover:underline">
          ← All reviews
        </Link>
        <CampaignDetail id={campaign} {...perms} />
      </>
    );
  return (
    <>
      <div role="tablist" aria-label="Reviews" className="mb-6 flex gap-1 border-b border-slate-200">
        {tabs.map((t) => (
          <button
            key={t}
            role="tab"
            aria-selected={t === tab}
            onClick={() => setTab(t)}
            className="-mb-px border-b-2 border-transparent px-3 py-2 text-sm text-slate-600 hover:text-slate-900 aria-selected:border-brand-600 aria-selected:font-medium aria-selected:text-slate-900"
          >
            {t}
          </button>
        ))}
      </div>
      {tab === "My reviews" && <MyReviews />}
      {tab === "Campaigns" && <CampaignsList canManage={perms.canManage} />}
    </>
  );
}
