import { expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { systemActor, type UserActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedServer, seedTools, tool } from "@/prisma/seed/registry-factories";
import { bulkReviewTools } from "./bulk-review-tools";

const admin = systemActor("test-admin");
const JUSTIFICATION = "Read-only lookups on a dev server; reviewed their schemas together with the owner.";

async function serverWithTools() {
  const server = await seedServer();
  await seedTools(server.slug, [
    tool("get_issue", { description: "Read one issue" }),
    tool("list_projects", { description: "List the projects", annotations: { readOnlyHint: true } }),
    tool("delete_project", { description: "Delete a project and everything in it" }),
  ]);
  const tools = await db().tool.findMany({ where: { serverId: server.id }, orderBy: { name: "asc" } });
  const byName = (n: string) => tools.find((t) => t.name === n)!;
  return {
    server,
    byName,
    pick: (...names: string[]) => names.map((n) => ({ id: byName(n).id, definitionHash: byName(n).definitionHash })),
  };
}

const approvedRecords = (ids: string[]) =>
  db().auditEvent.findMany({ where: { action: "tool.approved", targetId: { in: ids } }, orderBy: { sequence: "asc" } });

describeWithDatabase("bulk approval of low-risk tools", () => {
  it("approves each low-risk tool with one audit record per tool carrying the justification", async () => {
    const { byName, pick } = await serverWithTools();
    expect(byName("get_issue").risk).toBe("LOW");
    expect(byName("list_projects").risk).toBe("LOW");
    const result = await bulkReviewTools(admin, {
      tools: pick("get_issue", "list_projects"),
      justification: JUSTIFICATION,
    });
    expect(result.approved.map((t) => [t.name, t.status])).toEqual([
      ["get_issue", "APPROVED"],
      ["list_projects", "APPROVED"],
    ]);
    const records = await approvedRecords([byName("get_issue").id, byName("list_projects").id]);
    expect(records).toHaveLength(2);
    for (const r of records) expect(r.attributes).toMatchObject({ justification: JUSTIFICATION, bulk: true });
  });

  it("refuses the whole batch when one tool is not low risk, and writes nothing", async () => {
    const { byName, pick } = await serverWithTools();
    expect(byName("delete_project").risk).not.toBe("LOW");
    await expect(
      bulkReviewTools(admin, { tools: pick("get_issue", "delete_project"), justification: JUSTIFICATION }),
    ).rejects.toMatchObject({ code: "UNPROCESSABLE", message: expect.stringContaining("delete_project is") });
    expect((await db().tool.findUniqueOrThrow({ where: { id: byName("get_issue").id } })).status).toBe(
      "PENDING_REVIEW",
    );
    expect(await approvedRecords([byName("get_issue").id])).toEqual([]);
  });

  it("refuses a role without tools.review, a missing justification and a stale definition", async () => {
    const { byName, pick } = await serverWithTools();
    const approver: UserActor = {
      type: "USER",
      id: randomUUID(),
      email: "approver@test.local",
      name: "Approver",
      roles: ["APPROVER"],
    };
    await expect(
      bulkReviewTools(approver, { tools: pick("get_issue"), justification: JUSTIFICATION }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(bulkReviewTools(admin, { tools: pick("get_issue"), justification: "ok" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      fields: { justification: expect.any(String) },
    });
    await expect(
      bulkReviewTools(admin, {
        tools: [{ id: byName("get_issue").id, definitionHash: "0".repeat(64) }],
        justification: JUSTIFICATION,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await db().tool.findUniqueOrThrow({ where: { id: byName("get_issue").id } })).status).toBe(
      "PENDING_REVIEW",
    );
  });
});
