import type { Action } from "@/lib/authz/permissions";

export type NavItem = { href: string; label: string; permission: Action };

export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Dashboard", permission: "dashboard.read" },
  { href: "/servers", label: "Servers", permission: "servers.read" },
  { href: "/agents", label: "Agents", permission: "agents.read" },
  { href: "/approvals", label: "Approvals", permission: "approvals.read" },
  { href: "/reviews", label: "Reviews", permission: "reviews.read" },
  { href: "/findings", label: "Findings", permission: "findings.read" },
  { href: "/audit", label: "Audit", permission: "audit.read" },
  { href: "/reports", label: "Reports", permission: "reports.read" },
  { href: "/settings", label: "Settings", permission: "settings.read" },
];
