import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, auditActor, type Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { nextRunAfter } from "@/lib/schemas/period";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseWith } from "@/lib/schemas/parse";
import { ZCreateReportScheduleInput, type TCreateReportScheduleInput } from "@/lib/schemas/report";

/** An admin schedules a report; it first runs when the current calendar period ends. */
export async function createReportSchedule(actor: Actor, raw: TCreateReportScheduleInput, now = new Date()) {
  assertCan(actor, "reports.schedule");
  const input = parseWith(ZCreateReportScheduleInput, raw, "schedule");
  const who = auditActor(actor);
  return db().$transaction(async (tx) => {
    const schedule = await tx.reportSchedule.create({
      data: {
        ...input,
        filters: input.filters as Prisma.InputJsonValue,
        createdById: actor.type === "USER" ? actor.id : null,
        createdByLabel: who.label,
        nextRunAt: nextRunAfter(input.frequency, now),
      },
    });
    await recordAudit(tx, {
      actor: who,
      category: "ADMIN",
      action: "report_schedule.created",
      target: { type: "ReportSchedule", id: schedule.id },
      after: input,
    });
    return schedule;
  });
}
