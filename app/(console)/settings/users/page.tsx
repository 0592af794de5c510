import type { Metadata } from "next";
import { requirePermission } from "@/lib/web-session/require-permission";
import { SsoLinkRequestsCard } from "./_components/sso-link-requests-card";
import { TeamsCard } from "./_components/teams-card";
import { UsersView } from "./_components/users-view";

export const metadata: Metadata = { title: "Users & Roles" };

export default async function UsersPage() {
  const me = await requirePermission("users.read");
  return (
    <div className="space-y-6">
      <SsoLinkRequestsCard />
      <UsersView currentUserId={me.id} />
      <TeamsCard />
    </div>
  );
}
