import { expect, it } from "vitest";
import { systemActor, type UserActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { decodeBundle, encodeBundle } from "@/lib/policy/bundle-codec";
import { evaluate } from "@/lib/policy/decide";
import { RateLimiter } from "@/lib/policy/rate-limiter";
import { currentSnapshot } from "@/lib/policy/snapshot-cache";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedTeam, seedUser } from "@/prisma/seed/factories";
import { seedDecisionWorld } from "@/prisma/seed/decision-fixture";
import { setAgentLimits } from "./set-agent-limits";

const admin = systemActor("test");
const asActor = (u: Awaited<ReturnType<typeof seedUser>>): UserActor => ({ type: "USER", ...u });
const limitsOf = (id: string) =>
  db().agent.findUniqueOrThrow({ where: { id }, select: { userRateLimitPerMinute: true, dailyCallBudget: true } });
const records = (agentId: string) =>
  db().auditEvent.findMany({
    where: { action: "agent.limits.changed", targetId: agentId },
    orderBy: { sequence: "asc" },
  });

describeWithDatabase("an agent's per-user limit and daily call budget (issue 26)", () => {
  it("are set through the service, audited before and after, and reach the engine's snapshot and the bundle", async () => {
    const w = await seedDecisionWorld();
    const version = (await db().orgSettings.findFirst())?.registryVersion ?? 0;
    await setAgentLimits(admin, w.agent.id, { userRateLimitPerMinute: "30", dailyCallBudget: 1000 });
    expect(await limitsOf(w.agent.id)).toEqual({ userRateLimitPerMinute: 30, dailyCallBudget: 1000 });
    const [record] = await records(w.agent.id);
    expect(record).toMatchObject({
      category: "ADMIN",
      targetType: "Agent",
      targetId: w.agent.id,
      before: { userRateLimitPerMinute: null, dailyCallBudget: null },
      after: { userRateLimitPerMinute: 30, dailyCallBudget: 1000 },
    });
    expect((await db().orgSettings.findFirstOrThrow()).registryVersion).toBeGreaterThan(version);

    const snap = await currentSnapshot();
    expect(snap.agents.get(w.agent.clientId)).toMatchObject({ userRateLimitPerMinute: 30, dailyCallBudget: 1000 });
    const bundle = decodeBundle(
      encodeBundle({
        etag: "e",
        registryVersion: 1,
        issuedAt: new Date().toISOString(),
        paused: false,
        pauseReason: null,
        credentials: [],
        snapshot: snap,
      }),
    );
    expect(bundle.snapshot.agents.get(w.agent.clientId)).toMatchObject({ dailyCallBudget: 1000 });

    // Blank clears one; what is left out stays; the same values again write nothing.
    await setAgentLimits(admin, w.agent.id, { dailyCallBudget: "" });
    expect(await limitsOf(w.agent.id)).toEqual({ userRateLimitPerMinute: 30, dailyCallBudget: null });
    await setAgentLimits(admin, w.agent.id, { userRateLimitPerMinute: 30 });
    expect((await records(w.agent.id)).map((r) => r.after)).toEqual([
      { userRateLimitPerMinute: 30, dailyCallBudget: 1000 },
      { userRateLimitPerMinute: 30, dailyCallBudget: null },
    ]);
  });

  it("refuse anything but a whole number in range with a clear 400, writing nothing", async () => {
    const w = await seedDecisionWorld();
    const bad = [0, -1, 1.5, "abc", true, 100_001, "1e3"].map((v) => ({ userRateLimitPerMinute: v }));
    bad.push({ dailyCallBudget: 100_000_001 } as never, { dailyCallBudget: 0 } as never);
    for (const input of bad)
      await expect(setAgentLimits(admin, w.agent.id, input as never)).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringMatching(/whole number from 1 to/),
      });
    expect(await limitsOf(w.agent.id)).toEqual({ userRateLimitPerMinute: null, dailyCallBudget: null });
    expect(await records(w.agent.id)).toEqual([]);
  });

  it("may be set only by an admin, or an owner of the agent's team", async () => {
    const w = await seedDecisionWorld();
    const viewer = asActor(await seedUser({ roles: ["VIEWER"] }));
    const otherOwner = asActor(await seedUser({ roles: ["OWNER"], teamIds: [(await seedTeam()).id] }));
    await expect(setAgentLimits(viewer, w.agent.id, { dailyCallBudget: 5 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(setAgentLimits(otherOwner, w.agent.id, { dailyCallBudget: 5 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await setAgentLimits(w.owner, w.agent.id, { dailyCallBudget: 5 });
    expect(await limitsOf(w.agent.id)).toEqual({ userRateLimitPerMinute: null, dailyCallBudget: 5 });
    expect((await records(w.agent.id)).map((r) => r.actorId)).toEqual([w.owner.id]);
  });

  it("count calls with no known user in one counter of their own, and a user's refusal spends no budget", async () => {
    const w = await seedDecisionWorld();
    await setAgentLimits(admin, w.agent.id, { userRateLimitPerMinute: 1, dailyCallBudget: 2 });
    const snap = await currentSnapshot();
    const limiter = new RateLimiter();
    const now = new Date();
    const call = (onBehalfOf?: string) =>
      evaluate(
        snap,
        {
          agent: w.agent.clientId,
          server: w.server.slug,
          tool: "query_records",
          arguments: { object: "Case", limit: 5 },
          onBehalfOf,
        },
        now,
        limiter,
      ).rule;
    expect([call(), call()]).toEqual(["grant", "user_rate_limited"]);
    expect([call("ann@corp.example"), call("ann@corp.example")]).toEqual(["grant", "user_rate_limited"]);
    expect(call("ben@corp.example")).toBe("daily_budget_exhausted");
  });
});
