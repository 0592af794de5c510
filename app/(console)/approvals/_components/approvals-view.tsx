"use client";

import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { Tabs } from "@/components/ui/tabs";
import { AccessRequestForm } from "./access-request-form";
import { ApprovalHistory } from "./approval-history";
import { Inbox } from "./inbox";
import { RequestLink } from "./request-link";
import { EmptyState } from "@/components/layout/empty-state";
import { isUuid } from "@/lib/schemas/safe-input";

type Tab = "Inbox" | "History" | "My requests" | "Request access";

export function ApprovalsView({ canVote, canRequest }: { canVote: boolean; canRequest: boolean }) {
  const tabs: Tab[] = [
    ...(canVote ? ["Inbox" as const] : []),
    "History",
    ...(canRequest ? ["My requests" as const, "Request access" as const] : []),
  ];
  const [tab, setTab] = useState<Tab>(tabs[0]);
  // Opened from a link (a notification, a webhook, a chat message): that one request, whatever the role's tabs.
  const request = useSearchParams().get("request");
  if (request)
    return isUuid(request) ? (
      <RequestLink id={request} />
    ) : (
      <EmptyState title="No request with this id">The link may be incomplete.</EmptyState>
    );
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
