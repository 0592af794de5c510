import { requirePermission } from "@/lib/web-session/require-permission";
import type { Action } from "@/lib/authz/permissions";
import { EmptyState } from "./empty-state";
import { PageHeader } from "./page-header";

/** A console area whose feature has not shipped yet: access-checked like the real page will be. */
export function plannedPage(permission: Action, title: string, description: string) {
  return async function PlannedPage() {
    await requirePermission(permission);
    return (
      <>
        <PageHeader title={title} description={description} />
        <EmptyState title={`${title} is not available yet`}>It ships in an upcoming Warden release.</EmptyState>
      </>
    );
  };
}
