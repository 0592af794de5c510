"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { Tabs } from "@/components/ui/tabs";
import { CampaignDetail } from "./campaign-detail";
import { CampaignsList } from "./campaigns-list";
import { MyReviews } from "./my-reviews";
import type { ReviewPermissions } from "./types";

type Tab = "My reviews" | "Campaigns";

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
      <Tabs label="Reviews" tabs={tabs} value={tab} onChange={setTab} />
      {tab === "My reviews" && <MyReviews />}
      {tab === "Campaigns" && <CampaignsList canManage={perms.canManage} />}
    </>
  );
}
