import type { ReactNode } from "react";
import { PageHeader } from "@/components/layout/page-header";
import { SettingsTabs } from "./_components/settings-tabs";

/** Wiring only: each settings page checks its own permission. */
export default function SettingsLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <PageHeader
        title="Settings"
        description="People and roles, machine tokens, webhooks, and the organisation's switches."
      />
      <SettingsTabs />
      {children}
    </>
  );
}
