import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/require-permission";
import { can } from "@/lib/authz/permissions";
import { ServerDetailView } from "./_components/server-detail-view";

export const metadata: Metadata = { title: "Server" };

export default async function ServerPage({ params }: { params: Promise<{ slug: string }> }) {
  const user = await requirePermission("servers.read");
  const { slug } = await params;
  return <ServerDetailView slug={slug} canReviewTools={can(user, "tools.review")} />;
}
