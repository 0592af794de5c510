import { recordAdminAudit } from "@/lib/services/audited-write";
import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/schemas/parse";
import { assertCan, auditActor, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { getPauseState } from "./get-pause-state";
import { ZOrgPauseInput, type TOrgPauseInput } from "@/lib/schemas/org";
import { registryChanged } from "@/lib/services/servers/shared/registry-changed";

/** The incident switch: while paused, every decision for every agent on every server is a deny. */
export async function setOrgPause(actor: Actor, raw: TOrgPauseInput) {
  assertCan(actor, "org.pause.manage");
  const input = parseWith(ZOrgPauseInput, raw, "pause");
  return db().$transaction(async (tx) => {
    const before = await tx.orgSettings.findUnique({ where: { id: 1 } });
    if ((before?.paused ?? false) === input.paused)
      throw new AppError("CONFLICT", input.paused ? "MCP access is already paused" : "MCP access is not paused");
    const label = auditActor(actor).label;
    await tx.orgSettings.upsert({
      where: { id: 1 },
      create: { id: 1, paused: input.paused, pauseReason: input.reason, pausedAt: new Date(), pausedBy: label },
      update: { paused: input.paused, pauseReason: input.reason, pausedAt: new Date(), pausedBy: label },
    });
    await registryChanged(tx);
    await recordAdminAudit(tx, actor, input.paused ? "org.paused" : "org.resumed", {
      target: { type: "Org", id: "1" },
      before: { paused: before?.paused ?? false },
      after: { paused: input.paused },
      attributes: { reason: input.reason },
    });
    return getPauseState(tx);
  });
}
