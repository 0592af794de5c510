import { expect, it } from "vitest";
import { verifyChain } from "@/lib/audit/verify-chain";
import { db } from "@/lib/db/client";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedDemo } from "./demo";
import { seedDemoReviews } from "./demo-reviews";

describeWithDatabase("demo organisation", () => {
  it("seeds users, a realistic registry with ready and unready servers, and an intact audit chain", async () => {
    const users = await seedDemo("demo-password-123");
    expect(users.map((u) => u.email)).toContain("approver2@warden.local");
    const [servers, tools, agents, grants] = await Promise.all([
      db().mcpServer.findMany(),
      db().tool.count(),
      db().agent.count(),
      db().grant.count(),
    ]);
    expect(servers.length).toBeGreaterThanOrEqual(10);
    expect(tools).toBeGreaterThanOrEqual(55);
    expect(agents).toBe(7);
    expect(grants).toBe(23);
    const crm = servers.find((s) => s.slug === "salesforce-crm")!;
    expect(crm).toMatchObject({ status: "ACTIVE", environment: "PROD" });
    expect(crm.readinessOverride).toBeNull();
    expect(servers.filter((s) => s.status !== "ACTIVE").length).toBeGreaterThanOrEqual(3);
    const update = await db().tool.findFirstOrThrow({ where: { serverId: crm.id, name: "update_record" } });
    expect(update).toMatchObject({ risk: "HIGH", requiresApproval: true, status: "APPROVED" });
    expect(await db().tool.findFirstOrThrow({ where: { name: "read_channel_history" } })).toMatchObject({
      status: "PENDING_REVIEW",
      approvedHash: expect.any(String),
    });
    const campaignId = await seedDemoReviews();
    const items = await db().reviewItem.groupBy({ by: ["status"], where: { campaignId }, _count: true });
    const count = (status: string) => items.find((i) => i.status === status)?._count ?? 0;
    expect(await db().reviewCampaign.findUniqueOrThrow({ where: { id: campaignId } })).toMatchObject({
      status: "ACTIVE",
    });
    expect(count("DECIDED")).toBeGreaterThan(0);
    expect(count("OPEN")).toBeGreaterThan(count("DECIDED"));
    expect(await verifyChain(db())).toMatchObject({ ok: true });
  }, 120_000);
});
