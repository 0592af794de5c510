"use client";

import { useState } from "react";
import { Tabs } from "@/components/ui/tabs";
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
      <Tabs label="Approvals" tabs={tabs} value={tab} onChange={setTab} />
      {tab === "Inbox" && <Inbox />}
      {tab === "History" && <ApprovalHistory view="history" />}
      {tab === "My requests" && <ApprovalHistory view="mine" />}
      {tab === "Request access" && <AccessRequestForm onDone={() => setTab("My requests")} />}
    </>
  );
}
