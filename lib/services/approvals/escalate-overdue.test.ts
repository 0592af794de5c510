import { expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { listApprovals } from "@/lib/services/approvals/list-approvals";
import { decideToolCall } from "@/lib/services/decisions/decide-tool-call";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedTeam, seedUser } from "@/prisma/seed/factories";
import { gateway, seedDecisionWorld } from "@/prisma/seed/decision-fixture";
import { escalateOverdue } from "./escalate-overdue";

describeWithDatabase("approval escalation", () => {
  it("notifies the fallback team once, at half the request's lifetime, on the clock rather than on a read", async () => {
    const w = await seedDecisionWorld();
    const fallback = await seedTeam();
    const oncall = await seedUser({ roles: ["APPROVER"], teamIds: [fallback.id] });
    await db().orgSettings.upsert({
      where: { id: 1 },
      create: { id: 1, fallbackApproverTeamId: fallback.id },
      update: { fallbackApproverTeamId: fallback.id },
    });
    const pending = await decideToolCall(gateway, {
      agent: w.agent.clientId,
      server: w.server.slug,
      tool: "update_record",
      arguments: { id: "esc-1" },
      onBehalfOf: w.requester.email,
    });
    expect(pending.decision).toBe("pending");
    const request = await db().approvalRequest.findUniqueOrThrow({ where: { id: pending.approvalId! } });
    const half = new Date(
      request.createdAt.getTime() + (request.expiresAt.getTime() - request.createdAt.getTime()) / 2,
    );
    const escalations = () =>
      db().notification.count({ where: { userId: oncall.id, title: { startsWith: "Escalated" } } });

    expect(await escalateOverdue(new Date(half.getTime() - 1_000))).toBe(0);
    // Reading the inbox past half-life escalates nothing: that is the sweep's job.
    await listApprovals(w.approvers[0], { view: "inbox" }, new Date(half.getTime() + 1_000));
    expect(await escalations()).toBe(0);

    expect(await escalateOverdue(new Date(half.getTime() + 1_000))).toBe(1);
    expect(await escalateOverdue(new Date(half.getTime() + 2_000))).toBe(0);
    expect(await escalations()).toBe(1);
    expect(await db().approvalRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: "PENDING",
      escalatedAt: expect.any(Date),
    });
    expect(await db().auditEvent.count({ where: { action: "approval.escalated", targetId: request.id } })).toBe(1);
    // Past expiry there is nothing left to escalate.
    expect(await escalateOverdue(new Date(request.expiresAt.getTime() + 1_000))).toBe(0);
  });
});
