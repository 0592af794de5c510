import type { Actor } from "@/lib/authz/actor";
import { deleteAudited } from "@/lib/services/audited-write";

/** Stops a schedule; the reports it already generated stay in the history until they expire. */
export async function deleteReportSchedule(actor: Actor, id: string) {
  return deleteAudited(actor, "reports.schedule", id, {
    table: (tx) => tx.reportSchedule,
    missing: "No such schedule",
    record: (schedule) => ({
      action: "report_schedule.deleted",
      target: { type: "ReportSchedule", id },
      before: { name: schedule.name, kind: schedule.kind, frequency: schedule.frequency },
    }),
  });
}
