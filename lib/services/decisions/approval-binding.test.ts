import { expect, it } from "vitest";
import { systemActor, type UserActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { getApprovalStatus } from "@/lib/services/approvals/get-approval-status";
import { listApprovals } from "@/lib/services/approvals/list-approvals";
import { voteOnRequest } from "@/lib/services/approvals/vote-on-request";
import { createAgent } from "@/lib/services/agents/create-agent";
import { createGrant } from "@/lib/services/grants/create-grant";
import { updateServer } from "@/lib/services/servers/update-server";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedUser } from "@/prisma/seed/factories";
import { gateway, seedDecisionWorld } from "@/prisma/seed/decision-fixture";
import { decideToolCall } from "./decide-tool-call";

const args = { object: "Case", id: "500x", fields: { Status: "Closed" } };

describeWithDatabase("approvals are bound to the person a call is for", () => {
  const world = async () => {
    const w = await seedDecisionWorld();
    const call = (onBehalfOf: string | undefined, extra: { sessionId?: string; at?: Date } = {}) =>
      decideToolCall(
        gateway,
        {
          agent: w.agent.clientId,
          server: w.server.slug,
          tool: "update_record",
          arguments: args,
          onBehalfOf,
          userSource: "verified",
          sessionId: extra.sessionId,
        },
        extra.at,
      );
    return { ...w, call };
  };

  it("attack 1: an approver who makes the same call never joins, approves and uses someone else's request", async () => {
    const w = await world();
    const [approver1, approver2] = w.approvers;
    const alice = await w.call("Alice@corp.example");
    expect(alice.decision).toBe("pending");
    const own = await w.call(approver2.email);
    expect(own.decision).toBe("pending");
    expect(own.approvalId).not.toBe(alice.approvalId);
    // approver2 may approve alice's request, but that allows alice's call, not theirs.
    await voteOnRequest(approver2, alice.approvalId!, { decision: "approve" });
    expect(await w.call(approver2.email)).toMatchObject({ decision: "pending", approvalId: own.approvalId });
    // And nobody votes on a call made on their own behalf.
    await expect(voteOnRequest(approver2, own.approvalId!, { decision: "approve" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("own request"),
    });
    expect(await w.call("alice@corp.example")).toMatchObject({ decision: "allow", approvalId: alice.approvalId });
    await voteOnRequest(approver1, own.approvalId!, { decision: "approve" });
    expect(await w.call(approver2.email)).toMatchObject({ decision: "allow", approvalId: own.approvalId });
  });

  it("attack 2: an approval given for alice is not consumed by the same arguments for mallory", async () => {
    const w = await world();
    const alice = await w.call("alice@corp.example");
    await voteOnRequest(w.approvers[0], alice.approvalId!, { decision: "approve" });
    const mallory = await w.call("mallory@corp.example");
    expect(mallory.decision).toBe("pending");
    expect(mallory.approvalId).not.toBe(alice.approvalId);
    const anonymous = await w.call(undefined);
    expect(anonymous.decision).toBe("pending");
    expect(anonymous.approvalId).not.toBe(alice.approvalId);
    expect(await w.call("alice@corp.example")).toMatchObject({ decision: "allow", approvalId: alice.approvalId });
  });

  it("binds the session too when the server requires an active session", async () => {
    const w = await world();
    await updateServer(systemActor("test"), w.server.slug, { requiresActiveSession: true });
    const first = await w.call("alice@corp.example", { sessionId: "s-1" });
    await voteOnRequest(w.approvers[0], first.approvalId!, { decision: "approve" });
    const otherSession = await w.call("alice@corp.example", { sessionId: "s-2" });
    expect(otherSession.decision).toBe("pending");
    expect(otherSession.approvalId).not.toBe(first.approvalId);
    expect(await w.call("alice@corp.example", { sessionId: "s-1" })).toMatchObject({ decision: "allow" });
  });

  it("refuses a vote from the agent's registrant, as from its owner", async () => {
    const w = await world();
    const registrant: UserActor = {
      type: "USER",
      ...(await seedUser({ roles: ["ADMIN", "APPROVER"], teamIds: [w.team.id] })),
    };
    const agent = await createAgent(registrant, {
      name: "registered by someone else",
      clientId: `reg-${w.agent.clientId}`,
      teamId: w.team.id,
      ownerId: w.owner.id,
    });
    expect(agent).toMatchObject({ ownerId: w.owner.id, registeredById: registrant.id });
    await createGrant(systemActor("test"), {
      agentId: agent.id,
      serverId: w.server.id,
      allowedTools: ["update_record"],
      allowedOperations: ["write"],
    });
    const p = await decideToolCall(gateway, {
      agent: agent.clientId,
      server: w.server.slug,
      tool: "update_record",
      arguments: args,
      onBehalfOf: "bob@corp.example",
    });
    await expect(voteOnRequest(registrant, p.approvalId!, { decision: "approve" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("registered the requesting agent"),
    });
    const inbox = await listApprovals(registrant, { view: "inbox" });
    expect(inbox.some((r) => r.id === p.approvalId)).toBe(false);
    const notified = await db().notification.count({ where: { userId: registrant.id } });
    expect(notified).toBe(0);
  });

  it("shows an approval that expired unused as EXPIRED, in the status API and the lists", async () => {
    const w = await world();
    const t0 = new Date();
    const p = await w.call("alice@corp.example", { at: t0 });
    await voteOnRequest(w.approvers[0], p.approvalId!, { decision: "approve" }, t0);
    expect(await getApprovalStatus(gateway, p.approvalId!, t0)).toMatchObject({ status: "APPROVED" });
    const late = new Date(t0.getTime() + 31 * 60_000);
    expect(await getApprovalStatus(gateway, p.approvalId!, late)).toMatchObject({ status: "EXPIRED" });
    const expired = await listApprovals(w.approvers[1], { view: "history", status: "EXPIRED" }, late);
    expect(expired.find((r) => r.id === p.approvalId)).toMatchObject({ status: "EXPIRED" });
    const approved = await listApprovals(w.approvers[1], { view: "history", status: "APPROVED" }, late);
    expect(approved.some((r) => r.id === p.approvalId)).toBe(false);
    // And it is not consumed: the call needs a new approval.
    const again = await w.call("alice@corp.example", { at: late });
    expect(again.decision).toBe("pending");
    expect(again.approvalId).not.toBe(p.approvalId);
  });
});
