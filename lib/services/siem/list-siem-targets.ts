import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { siemTargetView } from "./siem-target-view";

export async function listSiemTargets(actor: Actor) {
  assertCan(actor, "siem.manage");
  const [targets, head] = await Promise.all([
    db().siemTarget.findMany({ orderBy: { name: "asc" } }),
    db().auditEvent.findFirst({ orderBy: { sequence: "desc" }, select: { sequence: true } }),
  ]);
  return targets.map((t) => siemTargetView(t, head?.sequence ?? 0n));
}
