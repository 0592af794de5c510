import type { Metadata } from "next";
import { requirePermission } from "@/lib/web-session/require-permission";
import { SiemView } from "./_components/siem-view";

export const metadata: Metadata = { title: "SIEM forwarding" };

export default async function SiemPage() {
  await requirePermission("siem.manage");
  return <SiemView />;
}
