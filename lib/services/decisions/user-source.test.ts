import { expect, it } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { hashRecord } from "@/lib/audit/chain";
import { verifyChain } from "@/lib/audit/verify-chain";
import { listAuditEvents } from "@/lib/services/audit/list-audit-events";
import { setAgentIdentity } from "@/lib/services/agents/set-agent-identity";
import { voteOnRequest } from "@/lib/services/approvals/vote-on-request";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { gateway, seedDecisionWorld } from "@/prisma/seed/decision-fixture";
import { decideToolCall } from "./decide-tool-call";

const args = { object: "Case", id: "500x", fields: { Status: "Closed" } };

describeWithDatabase("how the user of a call was known (issue 25)", () => {
  it("an approver named by an agent (asserted) can still vote; the same approver verified by a token cannot", async () => {
    const w = await seedDecisionWorld();
    const [named] = w.approvers;
    const call = (userSource?: "verified" | "asserted") =>
      decideToolCall(gateway, {
        agent: w.agent.clientId,
        server: w.server.slug,
        tool: "update_record",
        arguments: args,
        onBehalfOf: named.email,
        userSource,
      });
    // No userSource from the caller: a named user is the agent's word.
    const asserted = await call();
    expect(asserted.decision).toBe("pending");
    const request = await db().approvalRequest.findUniqueOrThrow({ where: { id: asserted.approvalId! } });
    expect(request).toMatchObject({ userSource: "asserted", requesterUserId: null });
    await expect(voteOnRequest(named, asserted.approvalId!, { decision: "approve" })).resolves.toMatchObject({
      status: "APPROVED",
    });

    await db().approvalRequest.deleteMany({});
    const verified = await call("verified");
    expect(await db().approvalRequest.findUniqueOrThrow({ where: { id: verified.approvalId! } })).toMatchObject({
      userSource: "verified",
      requesterUserId: named.id,
    });
    await expect(voteOnRequest(named, verified.approvalId!, { decision: "approve" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("own request"),
    });

    // Each decision's record says how its user was known, the chain covers it, and the explorer filters on it.
    const sources = (
      await db().auditEvent.findMany({ where: { category: "DECISION" }, orderBy: { sequence: "asc" } })
    ).map((r) => r.userSource);
    expect(sources).toEqual(["asserted", "verified"]);
    expect(await verifyChain(db())).toMatchObject({ ok: true });
    // The hash covers it: a record rewritten from asserted to verified no longer matches its hash.
    const row = await db().auditEvent.findFirstOrThrow({ where: { userSource: "asserted" } });
    expect(hashRecord(row.prevHash, row)).toBe(row.hash);
    expect(hashRecord(row.prevHash, { ...row, userSource: "verified" })).not.toBe(row.hash);
    const admin = systemActor("test");
    const onlyVerified = await listAuditEvents(admin, { category: "DECISION", userSource: "verified" });
    expect(onlyVerified.events.map((e) => e.userSource)).toEqual(["verified"]);
  });

  it("an agent's OAuth client id and asserts-users are set through the service, unique and audited", async () => {
    const w = await seedDecisionWorld();
    const admin = systemActor("test");
    expect(w.agent).toMatchObject({ assertsUsers: false, oauthClientId: null });
    await setAgentIdentity(admin, w.agent.id, { oauthClientId: "claude-code-abc", assertsUsers: true });
    const other = await seedDecisionWorld();
    await expect(setAgentIdentity(admin, other.agent.id, { oauthClientId: "claude-code-abc" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(setAgentIdentity(admin, other.agent.id, { oauthClientId: "has space" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    const record = await db().auditEvent.findFirstOrThrow({ where: { action: "agent.identity.changed" } });
    expect(record).toMatchObject({
      before: { oauthClientId: null, assertsUsers: false },
      after: { oauthClientId: "claude-code-abc", assertsUsers: true },
    });
    await setAgentIdentity(admin, w.agent.id, { oauthClientId: "" });
    expect(await db().agent.findUniqueOrThrow({ where: { id: w.agent.id } })).toMatchObject({
      oauthClientId: null,
      assertsUsers: true,
    });
  });
});
