import { expect, it } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { verifyChain } from "@/lib/audit/verify-chain";
import { createAccessRequest } from "@/lib/services/approvals/create-access-request";
import { voteOnRequest } from "@/lib/services/approvals/vote-on-request";
import { changeServerStatus } from "@/lib/services/servers/change-server-status";
import { setSuspended } from "@/lib/services/kill-switch/set-suspended";
import { importPolicy } from "@/lib/services/policy/import-policy";
import { exportPolicy } from "@/lib/services/policy/export-policy";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { gateway, seedDecisionWorld } from "@/prisma/seed/decision-fixture";
import { decideToolCall } from "./decide-tool-call";

const sys = systemActor("test");

describeWithDatabase("decisions and approvals", () => {
  const update = (
    w: Awaited<ReturnType<typeof seedDecisionWorld>>,
    args: Record<string, unknown> = { object: "Case", id: "500x", fields: { Status: "Closed" } },
    onBehalfOf = w.requester.email,
  ) =>
    decideToolCall(gateway, {
      agent: w.agent.clientId,
      server: w.server.slug,
      tool: "update_record",
      arguments: args,
      onBehalfOf,
      // A user from a validated token: the one the self-approval rule binds (an asserted one does not).
      userSource: "verified",
    });

  it("allows a granted call, denies an unknown agent (raising one finding), and records every decision in the chain", async () => {
    const w = await seedDecisionWorld();
    const ok = await decideToolCall(gateway, {
      agent: w.agent.clientId,
      server: w.server.slug,
      tool: "query_records",
      arguments: { object: "Case", limit: 5 },
    });
    expect(ok).toMatchObject({ decision: "allow", policyVersion: expect.any(String) });
    const ghost = () => decideToolCall(gateway, { agent: "ghost-agent", server: w.server.slug, tool: "query_records" });
    expect(await ghost()).toMatchObject({ decision: "deny", reasons: [expect.stringMatching(/^unknown_agent/)] });
    await ghost();
    expect(
      await db().finding.findUniqueOrThrow({
        where: { type_entityKey: { type: "unknown_agent", entityKey: "ghost-agent" } },
      }),
    ).toMatchObject({ count: 2 });
    const records = await db().auditEvent.findMany({ where: { category: "DECISION" } });
    expect(records.some((r) => (r.attributes as { decisionId: string }).decisionId === ok.decisionId)).toBe(true);
    expect(await verifyChain(db())).toMatchObject({ ok: true });
  });

  it("admits a burst of calls under the limit at a key's first use, before the shared counts' first grant", async () => {
    // On PostgreSQL the limiter is shared (lib/policy/shared-rate-limiter.ts): a fresh key admits 1 % of its
    // limit before its first grant comes back from the store. The calls past that wait for the grant.
    const w = await seedDecisionWorld();
    const answers = await Promise.all(
      Array.from({ length: 40 }, () =>
        decideToolCall(gateway, {
          agent: w.agent.clientId,
          server: w.server.slug,
          tool: "query_records",
          arguments: { object: "Case", limit: 5 },
        }),
      ),
    );
    expect(answers.filter((a) => a.decision !== "allow").map((a) => a.reasons)).toEqual([]);
  });

  it("consumes an approval exactly once: a replay needs a new approval", async () => {
    const w = await seedDecisionWorld();
    const first = await update(w);
    expect(first).toMatchObject({ decision: "pending", approvalId: expect.any(String), expiresAt: expect.any(String) });
    expect((await update(w)).approvalId).toBe(first.approvalId);
    await expect(voteOnRequest(w.approvers[0], first.approvalId!, { decision: "approve" })).resolves.toMatchObject({
      status: "APPROVED",
    });
    expect(await update(w)).toMatchObject({ decision: "allow", approvalId: first.approvalId });
    const replay = await update(w);
    expect(replay).toMatchObject({ decision: "pending" });
    expect(replay.approvalId).not.toBe(first.approvalId);
  });

  it("does not reuse an approval for other arguments or after a policy change", async () => {
    const w = await seedDecisionWorld();
    const p = await update(w);
    await voteOnRequest(w.approvers[0], p.approvalId!, { decision: "approve" });
    const other = await update(w, { object: "Case", id: "500y", fields: { Status: "Closed" } });
    expect(other.decision).toBe("pending");
    const { yaml } = await exportPolicy(sys, w.server.slug);
    await importPolicy(sys, w.server.slug, {
      yaml: yaml.replace("retention_days: 365", "retention_days: 366"),
      apply: true,
    });
    const after = await update(w);
    expect(after.decision).toBe("pending");
    expect(after.policyVersion).not.toBe(p.policyVersion);
  });

  it("refuses self-approval, approval by the agent's owner and by non-approvers", async () => {
    const w = await seedDecisionWorld();
    const p = await update(w);
    await expect(voteOnRequest(w.requester, p.approvalId!, { decision: "approve" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("own request"),
    });
    await expect(voteOnRequest(w.owner, p.approvalId!, { decision: "approve" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("own the requesting agent"),
    });
    const admin = { ...w.approvers[0], roles: ["ADMIN" as const] };
    await expect(voteOnRequest(admin, p.approvalId!, { decision: "approve" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await db().approvalVote.count({ where: { requestId: p.approvalId! } })).toBe(0);
  });

  it("needs two distinct approvers for RESTRICTED data, and counts each approver once", async () => {
    const w = await seedDecisionWorld({ restricted: true });
    const p = await update(w);
    await expect(voteOnRequest(w.approvers[0], p.approvalId!, { decision: "approve" })).resolves.toMatchObject({
      status: "PENDING",
      approvals: 1,
      requiredApprovals: 2,
    });
    await expect(voteOnRequest(w.approvers[0], p.approvalId!, { decision: "approve" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect((await update(w)).decision).toBe("pending");
    await expect(voteOnRequest(w.approvers[1], p.approvalId!, { decision: "approve" })).resolves.toMatchObject({
      status: "APPROVED",
      approvals: 2,
    });
    expect((await update(w)).decision).toBe("allow");
  });

  it("ends concurrent approve and deny votes in one consistent state", async () => {
    const w = await seedDecisionWorld();
    for (let round = 0; round < 3; round++) {
      const p = await update(w, { object: "Case", id: `race-${round}` });
      const results = await Promise.allSettled([
        voteOnRequest(w.approvers[0], p.approvalId!, { decision: "approve" }),
        voteOnRequest(w.approvers[1], p.approvalId!, { decision: "deny" }),
        voteOnRequest(w.approvers[2], p.approvalId!, { decision: "approve" }),
      ]);
      const request = await db().approvalRequest.findUniqueOrThrow({
        where: { id: p.approvalId! },
        include: { votes: true },
      });
      expect(["APPROVED", "DENIED"]).toContain(request.status);
      const fulfilled = results.filter((r) => r.status === "fulfilled").length;
      expect(request.votes.length).toBe(fulfilled);
      // The first vote decided it (1 approval needed); the others found it closed.
      expect(fulfilled).toBe(1);
    }
  });

  it("expires at read time: a late vote finds it EXPIRED and the call needs a new request", async () => {
    const w = await seedDecisionWorld();
    const t0 = new Date();
    const p = await decideToolCall(
      gateway,
      {
        agent: w.agent.clientId,
        server: w.server.slug,
        tool: "update_record",
        arguments: { id: "exp" },
        onBehalfOf: w.requester.email,
      },
      t0,
    );
    const late = new Date(t0.getTime() + 31 * 60_000);
    await expect(voteOnRequest(w.approvers[0], p.approvalId!, { decision: "approve" }, late)).resolves.toMatchObject({
      status: "EXPIRED",
    });
    const again = await decideToolCall(
      gateway,
      { agent: w.agent.clientId, server: w.server.slug, tool: "update_record", arguments: { id: "exp" } },
      late,
    );
    expect(again.decision).toBe("pending");
    expect(again.approvalId).not.toBe(p.approvalId);
  });

  it("turns an approved just-in-time request into a grant that lapses by itself", async () => {
    const w = await seedDecisionWorld();
    await db().grant.updateMany({ where: { id: w.grant.id }, data: { status: "REVOKED" } });
    await db().orgSettings.update({ where: { id: 1 }, data: { registryVersion: { increment: 1 } } });
    const call = (now?: Date) =>
      decideToolCall(
        gateway,
        { agent: w.agent.clientId, server: w.server.slug, tool: "query_records", arguments: {} },
        now,
      );
    expect((await call()).decision).toBe("deny");
    const req = await createAccessRequest(w.requester, {
      agentId: w.agent.id,
      serverId: w.server.id,
      tools: ["query_records"],
      durationHours: 2,
      justification: "Investigating ticket 4242",
    });
    await expect(voteOnRequest(w.requester, req.id, { decision: "approve" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await voteOnRequest(w.approvers[0], req.id, { decision: "approve" });
    const grant = await db().grant.findFirstOrThrow({ where: { agentId: w.agent.id, source: "JIT" } });
    expect(grant.allowedOperations).toEqual(["query"]);
    expect((await call()).decision).toBe("allow");
    expect(await call(new Date(Date.now() + 2 * 3_600_000 + 1000))).toMatchObject({
      decision: "deny",
      reasons: [expect.stringContaining("expired")],
    });
  });

  it("honours a suspension on the very next call", async () => {
    const w = await seedDecisionWorld();
    // The grant caps records, so a read states its limit (a read without one is denied as unverifiable).
    const call = () =>
      decideToolCall(gateway, {
        agent: w.agent.clientId,
        server: w.server.slug,
        tool: "query_records",
        arguments: { limit: 5 },
      });
    expect((await call()).decision).toBe("allow");
    await changeServerStatus(sys, w.server.slug, { status: "SUSPENDED", reason: "incident" });
    expect(await call()).toMatchObject({ decision: "deny", reasons: [expect.stringMatching(/^server_not_active/)] });
    await changeServerStatus(sys, w.server.slug, { status: "ACTIVE", reason: "resolved" });
    expect((await call()).decision).toBe("allow");
    await setSuspended(sys, "agent", w.agent.id, { suspended: true, reason: "misbehaving" });
    expect(await call()).toMatchObject({ decision: "deny", reasons: [expect.stringMatching(/^agent_suspended/)] });
  });
});
