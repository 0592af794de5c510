import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { requirePermission } from "@/lib/web-session/require-permission";
import { can } from "@/lib/authz/permissions";
import { FindingsView } from "./_components/findings-view";

export const metadata: Metadata = { title: "Findings" };

export default async function FindingsPage() {
  const user = await requirePermission("findings.read");
  return (
    <>
      <PageHeader
        title="Findings"
        description="What the ingested calls and the registry say a security team should look at. Repeats raise the count, not new rows."
      />
      <FindingsView canManage={can(user, "findings.manage")} canReadAudit={can(user, "audit.read")} />
    </>
  );
}
