import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/tx";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** Whether MCP access is paused org-wide: every signed-in user sees it, and decisions read it. */
export async function getPauseState(client: Tx | PrismaClient = db()) {
  const s = await client.orgSettings.findUnique({ where: { id: 1 } });
  return {
    paused: s?.paused ?? false,
    reason: s?.paused ? s.pauseReason : null,
    since: s?.paused ? s.pausedAt : null,
    by: s?.paused ? s.pausedBy : null,
  };
}
