import type { Metadata } from "next";
import { requirePermission } from "@/lib/web-session/require-permission";
import { can } from "@/lib/authz/permissions";
import { Prefetched } from "@/lib/queries/prefetched";
import { serverKeys } from "@/lib/queries/servers";
import { getServer } from "@/lib/services/servers/get-server";
import { ServerDetailView } from "./_components/server-detail-view";

export const metadata: Metadata = { title: "Server" };

export default async function ServerPage({ params }: { params: Promise<{ slug: string }> }) {
  const user = await requirePermission("servers.read");
  const { slug } = await params;
  return (
    <Prefetched queries={[{ queryKey: serverKeys.detail(slug), load: () => getServer(user, slug) }]}>
      <ServerDetailView slug={slug} canReviewTools={can(user, "tools.review")} />
    </Prefetched>
  );
}
