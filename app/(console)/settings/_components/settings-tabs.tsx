"use client";

import Link from "next/link";
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
  const current = usePathname();
  return (
    <nav aria-label="Settings" className="mb-6 flex gap-1 border-b border-slate-200">
      {TABS.map((t) => (
        <Link
          key={t.href}
          href={t.href}
          aria-current={t.href === current ? "page" : undefined}
          className="-mb-px border-b-2 border-transparent px-3 py-2 text-sm text-slate-600 hover:text-slate-900 aria-[current=page]:border-brand-600 aria-[current=page]:font-medium aria-[current=page]:text-slate-900"
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
