import { recordAdminAudit } from "@/lib/services/audited-write";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export async function deleteSiemTarget(actor: Actor, id: string) {
  assertCan(actor, "siem.manage");
  return db().$transaction(async (tx) => {
    const target = await tx.siemTarget.findUnique({ where: { id } });
    if (!target) throw new AppError("NOT_FOUND", "No such SIEM target");
    await tx.siemTarget.delete({ where: { id } });
    await recordAdminAudit(tx, actor, "siem_target.deleted", {
      target: { type: "SiemTarget", id },
      before: { name: target.name, kind: target.kind, url: target.url },
    });
    return { ok: true };
  });
}
