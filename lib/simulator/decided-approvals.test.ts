import { expect, it } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { getDashboard } from "@/lib/services/dashboard/get-dashboard";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedDemo } from "@/prisma/seed/demo";
import { seedDecidedApprovals } from "./decided-approvals";

describeWithDatabase("the demo's decided approvals", () => {
  it("give Time to decision a history on a fresh demo, at the waits people took", async () => {
    await seedDemo("demo-password-123");
    const now = new Date();
    const before = await getDashboard(systemActor("test"), { range: "30d" }, now);
    expect(before.medianDecisionSeconds).toBeNull();

    expect(await seedDecidedApprovals(now)).toBe(14);
    const statuses = await db().approvalRequest.groupBy({
      by: ["status"],
      _count: true,
      where: { toolName: "update_record" },
    });
    expect(Object.fromEntries(statuses.map((s) => [s.status, s._count]))).toMatchObject({ APPROVED: 12, DENIED: 2 });
    const d = await getDashboard(systemActor("test"), { range: "30d" }, now);
    expect(d.decisionTimeByDay).toHaveLength(14);
    // Minutes, not the milliseconds a seed voting "now" would give: the median wait is about 12 minutes.
    expect(d.medianDecisionSeconds).toBeGreaterThan(5 * 60);
    expect(d.medianDecisionSeconds).toBeLessThan(30 * 60);
  });
});
