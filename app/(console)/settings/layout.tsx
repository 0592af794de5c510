import type { ReactNode } from "react";
import { requirePermission } from "@/lib/web-session/require-permission";
import { PageHeader } from "@/components/layout/page-header";
import { SettingsBreadcrumbs, SettingsTabs } from "./_components/settings-tabs";

/**
 * Every settings page is for security admins: checked here, above loading.tsx's Suspense boundary, so a
 * refusal is a real 404 rather than a streamed 200. Each page still checks its own permission.
 */
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  await requirePermission("settings.read");
  return (
    <>
      <SettingsBreadcrumbs />
      <PageHeader
        title="Settings"
        description="People and roles, machine tokens and gateways, webhooks, and the organisation's switches."
      />
      <SettingsTabs />
      {children}
    </>
  );
}
