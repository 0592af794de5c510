import type { Metadata } from "next";
import { requirePermission } from "@/lib/web-session/require-permission";
import { WebhooksView } from "./_components/webhooks-view";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  await requirePermission("webhooks.manage");
  return <WebhooksView />;
}
