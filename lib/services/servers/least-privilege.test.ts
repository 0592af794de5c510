import { expect, it } from "vitest";
import { systemActor, type UserActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { breakGlass } from "@/lib/services/approvals/break-glass";
import { listApprovals } from "@/lib/services/approvals/list-approvals";
import { voteOnRequest } from "@/lib/services/approvals/vote-on-request";
import { decideToolCall } from "@/lib/services/decisions/decide-tool-call";
import { exportPolicy } from "@/lib/services/policy/export-policy";
import { importPolicy } from "@/lib/services/policy/import-policy";
import { importManifest } from "@/lib/services/tools/import-manifest";
import { reviewTool } from "@/lib/services/tools/review-tool";
import { updateTool } from "@/lib/services/tools/update-tool";
import { createGrant } from "@/lib/services/grants/create-grant";
import { addCredential } from "@/lib/services/credentials/add-credential";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { gateway, seedDecisionWorld } from "@/prisma/seed/decision-fixture";
import { seedTeam, seedUser } from "@/prisma/seed/factories";
import { seedServer, seedTools, tool } from "@/prisma/seed/registry-factories";
import { changeServerStatus } from "./change-server-status";
import { updateServer } from "./update-server";

const sys = systemActor("test");
const person = async (roles: Role[], teamIds: string[] = []): Promise<UserActor> => ({
  type: "USER",
  ...(await seedUser({ roles, teamIds })),
});

/** A PROD server that passes readiness, with an OWNER, an ADMIN and two approvers. */
async function prodWorld(options: { activate?: boolean; approvalsRequired?: number } = {}) {
  const team = await seedTeam();
  const owner = await person(["OWNER"], [team.id]);
  const admin = await person(["ADMIN"]);
  const approvers = [await person(["APPROVER"]), await person(["APPROVER"])];
  const server = await seedServer({
    environment: "PROD",
    ownerTeamId: team.id,
    primaryOwnerId: owner.id,
    rateLimitPerMinute: 100,
    dataClassification: "INTERNAL",
    approvalsRequired: options.approvalsRequired ?? 2,
  });
  await vault(server.slug, "PROD");
  await seedTools(server.slug, [tool("lookup", { annotations: { readOnlyHint: true } })]);
  for (const t of await db().tool.findMany({ where: { serverId: server.id } }))
    await reviewTool(sys, t.id, { definitionHash: t.definitionHash });
  await changeServerStatus(owner, server.slug, { status: "PENDING_APPROVAL" });
  if (options.activate !== false) await changeServerStatus(sys, server.slug, { status: "ACTIVE" });
  return { team, owner, admin, approvers, server };
}

const vault = (slug: string, environment: "DEV" | "PROD") =>
  addCredential(sys, slug, {
    provider: "HASHICORP_VAULT",
    reference: `secret/mcp/${slug}`,
    kind: "API_KEY",
    rotationDays: 30,
    lastRotatedAt: new Date(),
    environment,
  });

const pendingOf = (serverId: string, kind: "SERVER_ACTIVATION" | "TOOL_CHANGE" | "POLICY_CHANGE") =>
  db().approvalRequest.findFirstOrThrow({ where: { serverId, kind, status: "PENDING" } });

describeWithDatabase("no way around least privilege or the approvers", () => {
  it("gates a live server's move to PROD on readiness and on the activation approval", async () => {
    const w = await seedDecisionWorld();
    const admin = await person(["ADMIN"]);
    const call = () =>
      decideToolCall(gateway, {
        agent: w.agent.clientId,
        server: w.server.slug,
        tool: "query_records",
        arguments: { object: "Case", limit: 5 },
      });
    expect((await call()).decision).toBe("allow");
    // The checklist fails (no primary owner): refused, nothing changes.
    await expect(updateServer(admin, w.server.slug, { environment: "PROD" })).rejects.toMatchObject({
      code: "UNPROCESSABLE",
      message: expect.stringContaining("owner"),
      fields: { environment: expect.any(String) },
    });
    expect(await db().mcpServer.findUniqueOrThrow({ where: { id: w.server.id } })).toMatchObject({
      environment: "DEV",
      status: "ACTIVE",
    });
    await vault(w.server.slug, "PROD");
    // Ready now: it moves, but waits for its approval, and calls are denied meanwhile.
    const moved = await updateServer(admin, w.server.slug, { environment: "PROD", primaryOwnerId: w.owner.id });
    expect(moved).toMatchObject({ environment: "PROD", status: "PENDING_APPROVAL" });
    expect(await call()).toMatchObject({ decision: "deny", reasons: [expect.stringMatching(/^server_not_active/)] });
    const request = await pendingOf(w.server.id, "SERVER_ACTIVATION");
    expect(request.reason).toContain("PROD");
    await expect(changeServerStatus(admin, w.server.slug, { status: "ACTIVE" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await voteOnRequest(w.approvers[0], request.id, { decision: "approve" });
    expect((await db().mcpServer.findUniqueOrThrow({ where: { id: w.server.id } })).status).toBe("ACTIVE");
    expect((await call()).decision).toBe("allow");
  });

  it("refuses a suspended server's move to PROD", async () => {
    const w = await seedDecisionWorld();
    await changeServerStatus(sys, w.server.slug, { status: "SUSPENDED", reason: "incident" });
    await expect(
      updateServer(sys, w.server.slug, { environment: "PROD", primaryOwnerId: w.owner.id }),
    ).rejects.toMatchObject({ code: "UNPROCESSABLE", message: expect.stringContaining("suspended") });
  });

  it("activates a PROD server only through its request: a direct activation is refused, the request stays", async () => {
    const w = await prodWorld({ activate: false });
    const request = await pendingOf(w.server.id, "SERVER_ACTIVATION");
    await expect(changeServerStatus(w.admin, w.server.slug, { status: "ACTIVE" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("approval request"),
    });
    expect((await db().approvalRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("PENDING");
    await voteOnRequest(w.approvers[0], request.id, { decision: "approve" });
    expect((await db().mcpServer.findUniqueOrThrow({ where: { id: w.server.id } })).status).toBe("PENDING_APPROVAL");
    await voteOnRequest(w.approvers[1], request.id, { decision: "approve" });
    expect((await db().mcpServer.findUniqueOrThrow({ where: { id: w.server.id } })).status).toBe("ACTIVE");
  });

  it("breaks glass only with a justification: loud, notified, a CRITICAL finding and in approval history", async () => {
    const w = await prodWorld({ activate: false });
    const request = await pendingOf(w.server.id, "SERVER_ACTIVATION");
    await expect(breakGlass(w.admin, request.id, { justification: "now" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(
      breakGlass(w.approvers[0], request.id, { justification: "Outage bridge needs the CRM tools right now" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const done = await breakGlass(w.admin, request.id, {
      justification: "Outage bridge needs the CRM tools right now",
    });
    expect(done).toMatchObject({ status: "BREAK_GLASS" });
    expect((await db().mcpServer.findUniqueOrThrow({ where: { id: w.server.id } })).status).toBe("ACTIVE");
    expect(
      await db().finding.findUniqueOrThrow({
        where: { type_entityKey: { type: "break_glass", entityKey: request.id } },
      }),
    ).toMatchObject({ severity: "CRITICAL", evidence: expect.objectContaining({ justification: expect.any(String) }) });
    for (const a of w.approvers)
      expect(await db().notification.count({ where: { userId: a.id, title: { startsWith: "Break glass" } } })).toBe(1);
    const history = await listApprovals(w.admin, { view: "history", status: "BREAK_GLASS" });
    expect(history.find((r) => r.id === request.id)).toMatchObject({
      status: "BREAK_GLASS",
      breakGlassReason: expect.stringContaining("Outage"),
      breakGlassById: w.admin.id,
    });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "approval.break_glass" } });
    expect(audit).toMatchObject({ actorId: w.admin.id, targetId: request.id });
    // Once applied, it cannot be broken (or voted) again.
    await expect(
      breakGlass(w.admin, request.id, { justification: "Outage bridge needs the CRM tools right now" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("never breaks glass on a tool call", async () => {
    const w = await seedDecisionWorld();
    const admin = await person(["ADMIN"]);
    const p = await decideToolCall(gateway, {
      agent: w.agent.clientId,
      server: w.server.slug,
      tool: "update_record",
      arguments: { object: "Case", id: "1" },
    });
    await expect(
      breakGlass(admin, p.approvalId!, { justification: "Customer escalation, cannot wait at all" }),
    ).rejects.toMatchObject({ code: "UNPROCESSABLE" });
  });

  it("approves a changed tool only through its N-of-M request, or break-glass", async () => {
    const w = await prodWorld();
    const t = await db().tool.findFirstOrThrow({ where: { serverId: w.server.id } });
    await importManifest(sys, w.server.slug, {
      tools: [tool("lookup", { annotations: { readOnlyHint: true }, description: "lookup and forward" })],
    });
    const changed = await db().tool.findUniqueOrThrow({ where: { id: t.id } });
    const request = await pendingOf(w.server.id, "TOOL_CHANGE");
    expect(request.requiredApprovals).toBe(2);
    await expect(reviewTool(w.admin, t.id, { definitionHash: changed.definitionHash })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("2 approvals"),
    });
    expect((await db().approvalRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("PENDING");
    await breakGlass(w.admin, request.id, { justification: "Vendor hotfix for a P1 incident, approvers asleep" });
    expect(await db().tool.findUniqueOrThrow({ where: { id: t.id } })).toMatchObject({
      status: "APPROVED",
      approvedHash: changed.definitionHash,
    });
  });

  it("holds an OWNER's relaxation of an ACTIVE PROD server's policy for approval, and lets tightening through", async () => {
    const w = await prodWorld();
    const held = await updateServer(w.owner, w.server.slug, { approvalsRequired: 1, highRiskApproval: false });
    expect(held).toMatchObject({ pendingApprovalId: expect.any(String), approvalsRequired: 2, highRiskApproval: true });
    expect(await db().mcpServer.findUniqueOrThrow({ where: { id: w.server.id } })).toMatchObject({
      approvalsRequired: 2,
      highRiskApproval: true,
    });
    const request = await pendingOf(w.server.id, "POLICY_CHANGE");
    expect(request.reason).toMatch(/fewer approvals required.*high-risk calls no longer need approval/);
    await expect(
      voteOnRequest({ ...w.owner, roles: ["OWNER", "APPROVER"] }, request.id, { decision: "approve" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Tightening is never held.
    expect(await updateServer(w.owner, w.server.slug, { rateLimitPerMinute: 50 })).toMatchObject({
      rateLimitPerMinute: 50,
    });
    await voteOnRequest(w.approvers[0], request.id, { decision: "approve" });
    await voteOnRequest(w.approvers[1], request.id, { decision: "approve" });
    expect(await db().mcpServer.findUniqueOrThrow({ where: { id: w.server.id } })).toMatchObject({
      approvalsRequired: 1,
      highRiskApproval: false,
      rateLimitPerMinute: 50,
    });
    // The same through a policy import.
    const { yaml } = await exportPolicy(sys, w.server.slug);
    const imported = await importPolicy(w.owner, w.server.slug, {
      yaml: yaml.replace("retention_days: 365", "retention_days: 30"),
      apply: true,
    });
    expect(imported).toMatchObject({ applied: false, relaxations: ["shorter audit retention"] });
    expect((await db().mcpServer.findUniqueOrThrow({ where: { id: w.server.id } })).auditRetentionDays).toBe(365);
  });

  it("lets a tool's reviewer say which argument holds the object; an unverifiable call is denied until then", async () => {
    const w = await seedDecisionWorld();
    const agent = w.agent;
    await db().grant.update({ where: { id: w.grant.id }, data: { allowedObjects: ["Case"] } });
    await createGrant(sys, {
      agentId: agent.id,
      serverId: w.server.id,
      allowedTools: ["query_records"],
      allowedOperations: ["read"],
      allowedObjects: ["Case"],
      maxRecords: 10,
    });
    const queryTool = await db().tool.findFirstOrThrow({ where: { serverId: w.server.id, name: "query_records" } });
    const call = (sobject: string) =>
      decideToolCall(gateway, {
        agent: agent.clientId,
        server: w.server.slug,
        tool: "query_records",
        arguments: { target: { sobject }, limit: 5 },
      });
    expect(await call("Opportunity")).toMatchObject({
      decision: "deny",
      reasons: [expect.stringMatching(/^arguments_unverifiable/)],
    });
    await expect(updateTool(w.owner, queryTool.id, { objectArgument: "target.sobject" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await updateTool(sys, queryTool.id, { objectArgument: "target.sobject" });
    expect(await call("Opportunity")).toMatchObject({
      decision: "deny",
      reasons: [expect.stringMatching(/^object_not_allowed/)],
    });
    expect((await call("Case")).decision).toBe("allow");
  });
});
