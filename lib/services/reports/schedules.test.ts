import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import type { UserActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { nextRunAfter, periodEndingAt } from "@/lib/schemas/period";
import { verifyPack } from "@/lib/evidence/verify-pack";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { createReportSchedule } from "./create-report-schedule";
import { downloadGeneratedReport } from "./download-generated-report";
import { listReportSchedules } from "./list-report-schedules";
import { runDueSchedules } from "./run-due-schedules";

const user = (roles: UserActor["roles"]): UserActor => ({
  type: "USER",
  id: "00000000-0000-0000-0000-00000000a0d4",
  email: `${roles[0].toLowerCase()}@test.local`,
  name: "U",
  roles,
});

it("runs each calendar period once, reporting on the period that just ended", () => {
  const at = new Date("2026-11-18T13:00:00Z"); // a Wednesday
  expect(nextRunAfter("WEEKLY", at).toISOString()).toBe("2026-11-23T00:00:00.000Z");
  expect(nextRunAfter("MONTHLY", at).toISOString()).toBe("2026-12-01T00:00:00.000Z");
  expect(nextRunAfter("QUARTERLY", at).toISOString()).toBe("2027-01-01T00:00:00.000Z");
  expect(periodEndingAt("MONTHLY", new Date("2026-12-01T00:04:00Z"))).toEqual({
    from: new Date("2026-11-01T00:00:00Z"),
    to: new Date("2026-12-01T00:00:00Z"),
  });
  expect(periodEndingAt("QUARTERLY", new Date("2027-01-01T00:04:00Z")).from.toISOString()).toBe(
    "2026-10-01T00:00:00.000Z",
  );
});

describeWithDatabase("scheduled reports", () => {
  it("lets only an admin schedule, generates signed packs into the history when due, and expires them", async () => {
    await expect(
      createReportSchedule(user(["AUDITOR"]), { name: "x", kind: "inventory", frequency: "WEEKLY" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const created = new Date("2026-11-18T13:00:00Z");
    const s = await createReportSchedule(
      user(["ADMIN"]),
      { name: "Monthly approvals", kind: "approvals", frequency: "MONTHLY", retentionDays: 30 },
      created,
    );
    await createReportSchedule(
      user(["ADMIN"]),
      { name: "Weekly inventory", kind: "inventory", frequency: "WEEKLY" },
      created,
    );
    expect(await runDueSchedules(new Date("2026-11-20T00:00:00Z"))).toMatchObject({ generated: 0 });
    const due = new Date("2026-12-01T00:05:00Z");
    expect(await runDueSchedules(due)).toMatchObject({ generated: 2 });
    // Claimed and moved on: running again at the same time generates nothing.
    expect(await runDueSchedules(due)).toMatchObject({ generated: 0 });
    const { schedules, reports } = await listReportSchedules(user(["AUDITOR"]));
    expect(schedules.find((x) => x.id === s.id)?.nextRunAt.toISOString()).toBe("2027-01-01T00:00:00.000Z");
    const monthly = reports.find((r) => r.scheduleId === s.id)!;
    expect(monthly).toMatchObject({ name: "Monthly approvals 2026-11-01 to 2026-12-01", kind: "approvals" });

    const file = path.join(mkdtempSync(path.join(tmpdir(), "warden-history-")), "r.zip");
    writeFileSync(file, (await downloadGeneratedReport(user(["AUDITOR"]), monthly.id)).content);
    const check = await verifyPack(file);
    expect(check.problems).toEqual([]);
    expect(check.manifest).toMatchObject({
      report: "approvals",
      generatedBy: { type: "SYSTEM", label: "schedule:Monthly approvals (by admin@test.local)" },
      filters: { from: "2026-11-01T00:00:00.000Z", to: "2026-12-01T00:00:00.000Z" },
    });
    // The download itself is audited.
    expect(
      await db().auditEvent.count({ where: { action: "report.exported", actorLabel: "auditor@test.local" } }),
    ).toBe(1);

    // Retention: 30 days after it was made, the report leaves the history.
    expect((await runDueSchedules(new Date("2026-12-31T00:06:00Z"))).purged).toBeGreaterThanOrEqual(1);
    await expect(downloadGeneratedReport(user(["AUDITOR"]), monthly.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  }, 120_000);
});
