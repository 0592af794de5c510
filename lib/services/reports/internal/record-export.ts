import { recordAudit } from "@/lib/audit/record-audit";
import { auditActor, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";

/** Every export is itself evidence: who took what away, with which filters. */
export function recordExport(actor: Actor, report: string, attributes: Record<string, unknown>) {
  return db().$transaction((tx) =>
    recordAudit(tx, {
      actor: auditActor(actor),
      category: "ADMIN",
      action: "report.exported",
      attributes: { report, ...attributes },
    }),
  );
}
