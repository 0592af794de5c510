import fc from "fast-check";
import { expect, it } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedAgent, seedServer, seedTools, tool } from "@/prisma/seed/registry-factories";
import { createGrant } from "./create-grant";

const sys = systemActor("test");
const OBJECTS = ["Account", "Case", "Opportunity"];
const OPERATIONS = ["read", "query", "write", "delete", "admin"] as const;

describeWithDatabase("grants are narrowed by their server's policy", () => {
  it("refuses, with a clear 422, a grant that asks for more than the server allows (property)", async () => {
    const server = await seedServer();
    // The server schema takes no object lists at creation: set the policy as an import would.
    await db().mcpServer.update({
      where: { id: server.id },
      data: { allowedObjects: ["Account", "Case"], allowedOperations: ["read", "query"], maxRecordsPerCall: 100 },
    });
    await seedTools(server.slug, [tool("query_records", { annotations: { readOnlyHint: true } })]);
    const agent = await seedAgent();
    await expect(
      createGrant(sys, {
        agentId: agent.id,
        serverId: server.id,
        allowedTools: ["query_records"],
        allowedOperations: ["read", "write"],
        allowedObjects: ["Opportunity"],
        maxRecords: 1000,
      }),
    ).rejects.toMatchObject({
      code: "UNPROCESSABLE",
      message: expect.stringContaining("cannot ask for more"),
      fields: {
        allowedOperations: expect.stringContaining("write"),
        allowedObjects: expect.stringContaining("Opportunity"),
        maxRecords: expect.stringContaining("100"),
      },
    });
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(OBJECTS),
        fc.subarray([...OPERATIONS], { minLength: 1 }),
        fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }),
        async (objects, operations, maxRecords) => {
          const input = {
            agentId: agent.id,
            serverId: server.id,
            allowedTools: ["query_records"],
            allowedOperations: operations,
            allowedObjects: objects,
            maxRecords,
          };
          const created = await createGrant(sys, input).catch((e: { code?: string }) => e);
          if ("code" in created) {
            expect(created.code).toBe("UNPROCESSABLE");
            return;
          }
          const stored = await db().grant.findUniqueOrThrow({ where: { id: (created as { id: string }).id } });
          expect(stored.allowedObjects.every((o) => ["Account", "Case"].includes(o))).toBe(true);
          expect(stored.allowedOperations.every((o) => ["read", "query"].includes(o))).toBe(true);
          expect(stored.maxRecords ?? 0).toBeLessThanOrEqual(100);
        },
      ),
      { numRuns: 12 },
    );
  });
});
