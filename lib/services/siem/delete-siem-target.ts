import { assertCan, type Actor } from "@/lib/authz/actor";
import { deleteAudited } from "@/lib/services/audited-write";

export async function deleteSiemTarget(actor: Actor, id: string) {
  assertCan(actor, "siem.manage");
  return deleteAudited(
    actor,
    (tx) => tx.siemTarget,
    id,
    "No such SIEM target",
    (target) => ({
      action: "siem_target.deleted",
      target: { type: "SiemTarget", id },
      before: { name: target.name, kind: target.kind, url: target.url },
    }),
  );
}
