import { assertCan, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";

/** Schedules and the report history (without the files themselves), newest first. */
export async function listReportSchedules(actor: Actor) {
  assertCan(actor, "reports.read");
  const [schedules, reports] = await Promise.all([
    db().reportSchedule.findMany({ orderBy: { createdAt: "desc" } }),
    db().generatedReport.findMany({
      orderBy: { createdAt: "desc" },
      take: 200,
      select: {
        id: true,
        name: true,
        kind: true,
        periodFrom: true,
        periodTo: true,
        sha256: true,
        bytes: true,
        createdAt: true,
        expiresAt: true,
        scheduleId: true,
      },
    }),
  ]);
  return { schedules, reports };
}

export type ReportSchedules = Awaited<ReturnType<typeof listReportSchedules>>;
