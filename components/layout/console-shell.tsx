"use client";

import { signOut } from "next-auth/react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState, type ReactNode } from "react";
import type { NavItem } from "./nav-items";
import { CommandPalette } from "./command-palette";
import { NotificationBell } from "./notification-bell";

type Props = {
  items: Pick<NavItem, "href" | "label">[];
  user: { name: string; email: string; roles: string[] };
  children: ReactNode;
};

const isActive = (path: string, href: string) =>
  href === "/" ? path === "/" : path === href || path.startsWith(`${href}/`);

export function ConsoleShell({ items, user, children }: Props) {
  const path = usePathname();
  const [open, setOpen] = useState(false);
  return (
    <div className="min-h-screen md:flex">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
        Skip to content
      </a>
      <aside className="border-b border-slate-800 bg-slate-900 text-slate-200 md:min-h-screen md:w-60 md:shrink-0 md:border-b-0">
        <div className="flex items-center justify-between px-4 py-4">
          <Link href="/" className="text-lg font-semibold tracking-tight text-white">
            Warden
          </Link>
          <NotificationBell />
          <button
            className="rounded px-2 py-1 text-sm md:hidden"
            aria-expanded={open}
            aria-controls="main-nav"
            onClick={() => setOpen(!open)}
          >
            Menu
          </button>
        </div>
        <div className="px-4 pb-3">
          <CommandPalette />
        </div>
        <nav id="main-nav" aria-label="Main" className={`${open ? "block" : "hidden"} px-2 pb-4 md:block`}>
          <ul className="space-y-0.5">
            {items.map((item) => (
              <li key={item.href}>
                <Link
                  href={item.href}
                  aria-current={isActive(path, item.href) ? "page" : undefined}
                  className="block rounded-md px-3 py-2 text-sm hover:bg-slate-800 aria-[current=page]:bg-slate-800 aria-[current=page]:font-medium aria-[current=page]:text-white"
                  onClick={() => setOpen(false)}
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className={`${open ? "block" : "hidden"} border-t border-slate-800 px-4 py-3 text-xs md:block`}>
          <p className="truncate font-medium text-white" data-testid="current-user">
            {user.email}
          </p>
          <p className="text-slate-400">{user.roles.join(", ")}</p>
          <button
            className="mt-2 text-slate-300 underline hover:text-white"
            onClick={() => signOut({ callbackUrl: "/login" })}
          >
            Sign out
          </button>
        </div>
      </aside>
      <main id="main" className="min-w-0 flex-1 p-4 md:p-8">
        {children}
      </main>
    </div>
  );
}
