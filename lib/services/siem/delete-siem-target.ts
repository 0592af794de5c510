import type { Actor } from "@/lib/authz/actor";
import { deleteAudited } from "@/lib/services/audited-write";

export async function deleteSiemTarget(actor: Actor, id: string) {
  return deleteAudited(actor, "siem.manage", id, {
    table: (tx) => tx.siemTarget,
    missing: "No such SIEM target",
    record: (target) => ({
      action: "siem_target.deleted",
      target: { type: "SiemTarget", id },
      before: { name: target.name, kind: target.kind, url: target.url },
    }),
  });
}
