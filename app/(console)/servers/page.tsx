import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/layout/page-header";
import { requirePermission } from "@/lib/web-session/require-permission";
import { can } from "@/lib/authz/permissions";
import { ServersView } from "./_components/servers-view";

export const metadata: Metadata = { title: "Servers" };

export default async function ServersPage() {
  const user = await requirePermission("servers.read");
  const action = can(user, "servers.create") && (
    <Link href="/servers/new" className={buttonClass()}>
      Register server
    </Link>
  );
  return (
    <>
      <PageHeader
        title="MCP servers"
        description="Every MCP server in the company, governed as a privileged identity."
        actions={action}
      />
      <ServersView />
    </>
  );
}
