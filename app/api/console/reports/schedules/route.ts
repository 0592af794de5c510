import { withRoute } from "@/lib/api/with-route";
import { ZCreateReportScheduleInput } from "@/lib/schemas/report";
import { createReportSchedule } from "@/lib/services/reports/create-report-schedule";
import { listReportSchedules } from "@/lib/services/reports/list-report-schedules";

export const GET = withRoute({ permission: "reports.read" }, ({ actor }) => listReportSchedules(actor));

export const POST = withRoute({ permission: "reports.schedule", body: ZCreateReportScheduleInput }, ({ actor, body }) =>
  createReportSchedule(actor, body),
);
