import type { Metadata } from "next";
import { requirePermission } from "@/lib/web-session/require-permission";
import { TokensView } from "./_components/tokens-view";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  await requirePermission("tokens.manage");
  return <TokensView />;
}
