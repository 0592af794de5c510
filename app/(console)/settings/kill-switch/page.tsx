import type { Metadata } from "next";
import { requirePermission } from "@/lib/web-session/require-permission";
import { getPauseState } from "@/lib/services/org/get-pause-state";
import { getOrgSettings } from "@/lib/services/org/get-org-settings";
import { AuditRetentionForm } from "./_components/audit-retention-form";
import { OrgSettingsForm } from "./_components/org-settings-form";
import { PauseControl } from "./_components/pause-control";

export const metadata: Metadata = { title: "Organisation" };

export default async function KillSwitchPage() {
  const user = await requirePermission("org.pause.manage");
  const [state, settings] = await Promise.all([getPauseState(), getOrgSettings(user)]);
  return (
    <div className="space-y-6">
      <PauseControl paused={state.paused} />
      <OrgSettingsForm initial={settings} />
      <AuditRetentionForm initial={settings} />
    </div>
  );
}
