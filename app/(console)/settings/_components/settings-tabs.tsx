"use client";

import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { TabLinks } from "@/components/ui/tabs";
import { usePathname } from "next/navigation";

const TABS = [
  { href: "/settings/users", label: "Users & Roles" },
  { href: "/settings/tokens", label: "API tokens" },
  { href: "/settings/gateways", label: "Gateways" },
  { href: "/settings/webhooks", label: "Webhooks" },
  { href: "/settings/siem", label: "SIEM" },
  { href: "/settings/kill-switch", label: "Kill switch & hours" },
  { href: "/settings/reviews", label: "Reviews" },
];

export function SettingsTabs() {
  return <TabLinks label="Settings" tabs={TABS} current={usePathname()} />;
}

/** Settings / the section open now: the way back to the settings overview from any subpage. */
export function SettingsBreadcrumbs() {
  const path = usePathname();
  const section = TABS.find((t) => path === t.href || path.startsWith(`${t.href}/`));
  if (!section) return null;
  return <Breadcrumbs items={[{ label: "Settings", href: "/settings" }, { label: section.label }]} />;
}
