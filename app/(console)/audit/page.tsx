import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { requirePermission } from "@/lib/auth/require-permission";
import { AuditView } from "./_components/audit-view";

export const metadata: Metadata = { title: "Audit" };

export default async function AuditPage() {
  await requirePermission("audit.read");
  return (
    <>
      <PageHeader title="Audit log" description="Every privileged change, in one append-only, hash-chained log." />
      <AuditView />
    </>
  );
}
