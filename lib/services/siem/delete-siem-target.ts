import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, auditActor, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export async function deleteSiemTarget(actor: Actor, id: string) {
  assertCan(actor, "siem.manage");
  return db().$transaction(async (tx) => {
    const target = await tx.siemTarget.findUnique({ where: { id } });
    if (!target) throw new AppError("NOT_FOUND", "No such SIEM target");
    await tx.siemTarget.delete({ where: { id } });
    await recordAudit(tx, {
      actor: auditActor(actor),
      category: "ADMIN",
      action: "siem_target.deleted",
      target: { type: "SiemTarget", id },
      before: { name: target.name, kind: target.kind, url: target.url },
    });
    return { ok: true };
  });
}
