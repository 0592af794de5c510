import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { requirePermission } from "@/lib/web-session/require-permission";
import { can } from "@/lib/authz/permissions";
import { ApprovalsView } from "./_components/approvals-view";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePermission("approvals.read");
  const { request } = await searchParams;
  return (
    <>
      <PageHeader
        breadcrumbs={
          typeof request === "string"
            ? [{ label: "Approvals", href: "/approvals" }, { label: `Request ${request.slice(0, 8)}` }]
            : undefined
        }
        title="Approvals"
        description="High-risk tool calls and just-in-time access requests waiting for a human decision."
      />
      <ApprovalsView canVote={can(user, "approvals.vote")} canRequest={can(user, "approvals.request")} />
    </>
  );
}
