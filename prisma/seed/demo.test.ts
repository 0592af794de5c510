import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, it } from "vitest";
import { decideToolCall } from "@/lib/services/decisions/decide-tool-call";
import { verifyChain } from "@/lib/audit/verify-chain";
import { db } from "@/lib/db/client";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedDemo } from "./demo";
import { seedDemoReviews } from "./demo-reviews";
import { gateway } from "./decision-fixture";
import { demoFileRoots } from "./gateway-demo";

const DECIDED_BY_SEED = [
  "google-drive/hr-helpdesk:REVOKE",
  "google-drive/support-assistant:REVOKE",
  "slack/support-assistant:REVOKE",
];

const WORDS = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
];
const asNumber = (word: string) => (/^\d+$/.test(word) ? Number(word) : WORDS.indexOf(word));

/** The counts the README's "Quick start" promises: "The demo organisation has twelve MCP servers (…), 86 tools, …". */
async function readmeCounts() {
  const readme = await readFile(path.join(process.cwd(), "README.md"), "utf8");
  const m =
    /demo organisation has (\w+) MCP servers \((\w+) of them deliberately waiting for approval\), (\w+) tools,\s+(\w+)\s+agents and (\w+) grants/.exec(
      readme,
    );
  if (!m) throw new Error("README.md no longer states the demo's counts in the expected sentence");
  const [servers, waiting, tools, agents, grants] = m.slice(1).map(asNumber);
  return { servers, waiting, tools, agents, grants };
}

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
    // The README's numbers are the seed's.
    expect({
      servers: servers.length,
      waiting: servers.filter((s) => s.status === "PENDING_APPROVAL").length,
      tools,
      agents,
      grants,
    }).toEqual(await readmeCounts());
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
    // The same grants are decided on every fresh start, though every id differs.
    const decided = await db().reviewItem.findMany({ where: { campaignId, status: "DECIDED" } });
    expect(decided.map((i) => `${i.serverSlug}/${i.agentClientId}:${i.decision}`).sort()).toEqual(DECIDED_BY_SEED);
    // The README's gateway demo needs every grant of demo-agent to stay active after the seeded review.
    const demoGrants = await db().grant.findMany({ where: { agent: { clientId: "demo-agent" } } });
    expect(demoGrants.map((g) => g.status)).toEqual(["ACTIVE", "ACTIVE", "ACTIVE"]);
    // The README's gateway demo needs demo-agent's grants: the seeded review leaves them open.
    expect(
      await db().reviewItem.count({ where: { campaignId, agentClientId: "demo-agent", status: { not: "OPEN" } } }),
    ).toBe(0);
    expect(
      await db().reviewItem.count({ where: { campaignId, agentClientId: "demo-agent", status: "OPEN" } }),
    ).toBeGreaterThan(0);
    expect(count("OPEN")).toBeGreaterThan(count("DECIDED"));
    // The README's gateway demo, decided by Warden as the gateway asks it.
    const files = demoFileRoots().base;
    const demoCall = async (server: string, tool: string, args: Record<string, unknown> = {}) =>
      (await decideToolCall(gateway, { agent: "demo-agent", server, tool, arguments: args })).decision;
    expect(await demoCall("everything", "echo", { message: "hi" })).toBe("allow");
    expect(await demoCall("everything", "get-env")).toBe("deny");
    expect(await demoCall("filesystem", "read_text_file", { path: path.join(files, "readme.txt") })).toBe("allow");
    expect(await demoCall("filesystem", "read_text_file", { path: path.join(files, "../private/salaries.csv") })).toBe(
      "deny",
    );
    expect(await demoCall("filesystem", "write_file", { path: path.join(files, "note.txt"), content: "x" })).toBe(
      "pending",
    );
    expect(await demoCall("memory", "create_entities", { entities: [] })).toBe("pending");
    // Separation of duties: no item waits for, or was decided by, someone who owns, registered or
    // granted it (before, 16 of 22 grant items went to their agent's own owner).
    const reviewItems = await db().reviewItem.findMany({ where: { campaignId } });
    const byClient = new Map((await db().agent.findMany()).map((a) => [a.clientId, a]));
    const tied = reviewItems.filter((i) => {
      const agent = i.agentClientId ? byClient.get(i.agentClientId) : undefined;
      const people = [i.assigneeId, i.decidedById].filter(Boolean);
      return (
        (agent && people.some((p) => p === agent.ownerId || p === agent.registeredById)) ||
        people.some((p) => i.conflictUserIds.includes(p!))
      );
    });
    expect(tied).toEqual([]);
    // Nothing is left without a reviewer who may decide it.
    expect(reviewItems.filter((i) => i.assignment === "unassigned")).toEqual([]);
    expect(await verifyChain(db())).toMatchObject({ ok: true });
  }, 120_000);
});
