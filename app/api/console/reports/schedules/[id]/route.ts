import { withRoute } from "@/lib/api/with-route";
import { deleteReportSchedule } from "@/lib/services/reports/delete-report-schedule";

export const DELETE = withRoute({ permission: "reports.schedule" }, ({ actor, params }) =>
  deleteReportSchedule(actor, params.id),
);
