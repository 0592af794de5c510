import { recordAdminAudit } from "@/lib/services/audited-write";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** Stops a schedule; the reports it already generated stay in the history until they expire. */
export async function deleteReportSchedule(actor: Actor, id: string) {
  assertCan(actor, "reports.schedule");
  return db().$transaction(async (tx) => {
    const schedule = await tx.reportSchedule.findUnique({ where: { id } });
    if (!schedule) throw new AppError("NOT_FOUND", "No such schedule");
    await tx.reportSchedule.delete({ where: { id } });
    await recordAdminAudit(tx, actor, "report_schedule.deleted", {
      target: { type: "ReportSchedule", id },
      before: { name: schedule.name, kind: schedule.kind, frequency: schedule.frequency },
    });
    return { ok: true };
  });
}
