import type { ReactNode } from "react";
import { ConsoleShell } from "@/components/layout/console-shell";
import { NAV_ITEMS } from "@/components/layout/nav-items";
import { PauseBanner } from "@/components/layout/pause-banner";
import { requireUser } from "@/lib/web-session/require-user";
import { can } from "@/lib/authz/permissions";
import { getPauseState } from "@/lib/services/org/get-pause-state";

export const dynamic = "force-dynamic";

/** The shell shows what a role may use; every page and API checks again on its own. */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const items = NAV_ITEMS.filter((i) => can(user, i.permission)).map(({ href, label }) => ({ href, label }));
  const pause = await getPauseState();
  return (
    <>
      {pause.paused && <PauseBanner reason={pause.reason} by={pause.by} since={pause.since} />}
      <ConsoleShell items={items} user={{ name: user.name, email: user.email, roles: user.roles }}>
        {children}
      </ConsoleShell>
    </>
  );
}
