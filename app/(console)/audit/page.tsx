import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { requirePermission } from "@/lib/web-session/require-permission";
import { can } from "@/lib/authz/permissions";
import { AuditView } from "./_components/audit-view";

export const metadata: Metadata = { title: "Audit" };

export default async function AuditPage() {
  const user = await requirePermission("audit.read");
  return (
    <>
      <PageHeader title="Audit log" description="Every privileged change, in one append-only, hash-chained log." />
      <AuditView canExport={can(user, "audit.export")} />
    </>
  );
}
