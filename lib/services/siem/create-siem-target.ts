import { recordAdminAudit } from "@/lib/services/audited-write";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { assertOutboundTarget } from "@/lib/net/assert-outbound-target";
import { parseWith } from "@/lib/schemas/parse";
import { ZCreateSiemTargetInput, type TCreateSiemTargetInput } from "@/lib/schemas/siem";
import { siemTargetView } from "./siem-target-view";

/** Adds a SIEM target; it starts at the chain head ("now") or replays the whole log ("beginning"). */
export async function createSiemTarget(actor: Actor, raw: TCreateSiemTargetInput) {
  assertCan(actor, "siem.manage");
  const { startFrom, ...input } = parseWith(ZCreateSiemTargetInput, raw, "SIEM target");
  await assertOutboundTarget(input.url);
  return db().$transaction(async (tx) => {
    const head = await tx.auditEvent.findFirst({ orderBy: { sequence: "desc" }, select: { sequence: true } });
    const cp = await tx.auditCheckpoint.findFirst({ orderBy: { sequence: "desc" }, select: { sequence: true } });
    const target = await tx.siemTarget.create({
      data: {
        ...input,
        tokenEnv: input.tokenEnv ?? null,
        cursor: startFrom === "now" ? (head?.sequence ?? 0n) : 0n,
        checkpointCursor: startFrom === "now" ? (cp?.sequence ?? 0n) : 0n,
      },
    });
    await recordAdminAudit(tx, actor, "siem_target.created", {
      target: { type: "SiemTarget", id: target.id },
      after: { name: target.name, kind: target.kind, url: target.url, tokenEnv: target.tokenEnv, startFrom },
    });
    return siemTargetView(target, head?.sequence ?? 0n);
  });
}
