import { assertCan, type Actor } from "@/lib/authz/actor";
import { deleteAudited } from "@/lib/services/audited-write";

/** Stops a schedule; the reports it already generated stay in the history until they expire. */
export async function deleteReportSchedule(actor: Actor, id: string) {
  assertCan(actor, "reports.schedule");
  return deleteAudited(
    actor,
    (tx) => tx.reportSchedule,
    id,
    "No such schedule",
    (schedule) => ({
      action: "report_schedule.deleted",
      target: { type: "ReportSchedule", id },
      before: { name: schedule.name, kind: schedule.kind, frequency: schedule.frequency },
    }),
  );
}
