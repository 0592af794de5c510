"use client";

import { useState } from "react";
import { AccessRequestForm } from "./access-request-form";
import { ApprovalHistory } from "./approval-history";
import { Inbox } from "./inbox";

type Tab = "Inbox" | "History" | "My requests" | "Request access";

export function ApprovalsView({ canVote, canRequest }: { canVote: boolean; canRequest: boolean }) {
  const tabs: Tab[] = [
    ...(canVote ? ["Inbox" as const] : []),
    "History",
    ...(canRequest ? ["My requests" as const, "Request access" as const] : []),
  ];
  const [tab, setTab] = useState<Tab>(tabs[0]);
  return (
    <>
      <div role="tablist" aria-label="Approvals" className="mb-6 flex gap-1 border-b border-slate-200">
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
      {tab === "Inbox" && <Inbox />}
      {tab === "History" && <ApprovalHistory view="history" />}
      {tab === "My requests" && <ApprovalHistory view="mine" />}
      {tab === "Request access" && <AccessRequestForm onDone={() => setTab("My requests")} />}
    </>
  );
}
