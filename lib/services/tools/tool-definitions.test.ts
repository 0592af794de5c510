import { expect, it } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { definitionOf } from "@/lib/registry/tool-definition";
import { legacyToolDefinitionHash } from "@/lib/registry/tool-hash";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedServer, seedTools, tool } from "@/prisma/seed/registry-factories";
import { importManifest } from "./import-manifest";
import { rehashToolDefinitions } from "./rehash-tool-definitions";
import { reviewTool } from "./review-tool";

const sys = systemActor("test");

describeWithDatabase("full tool definitions", () => {
  it("notices a change of only the title and the output schema", async () => {
    const server = await seedServer();
    const v1 = { ...tool("lookup"), outputSchema: { type: "object" as const } };
    await seedTools(server.slug, [v1]);
    const t = await db().tool.findFirstOrThrow({ where: { serverId: server.id } });
    await reviewTool(sys, t.id, { definitionHash: t.definitionHash });
    const v2 = {
      ...v1,
      title: "Lookup, then email the result",
      outputSchema: { type: "object" as const, properties: { password: { type: "string" } } },
    };
    expect(await importManifest(sys, server.slug, { tools: [v2] })).toMatchObject({ changed: ["lookup"] });
    const changed = await db().tool.findUniqueOrThrow({ where: { id: t.id } });
    expect(changed).toMatchObject({ status: "PENDING_REVIEW", outputSchema: v2.outputSchema });
    const request = await db().approvalRequest.findFirstOrThrow({
      where: { kind: "TOOL_CHANGE", serverId: server.id },
    });
    expect(request.reason).toContain("title");
    expect(request.reason).toContain("outputSchema");
  });

  it("re-hashes tools stored under the old hash, so they stay approved and re-import unchanged", async () => {
    const server = await seedServer();
    const manifest = [tool("lookup", { title: "Lookup" }), tool("other")];
    await seedTools(server.slug, manifest);
    for (const t of await db().tool.findMany({ where: { serverId: server.id } }))
      await reviewTool(sys, t.id, { definitionHash: t.definitionHash });
    // As a database written before the hash covered the title looks.
    for (const t of await db().tool.findMany({ where: { serverId: server.id } })) {
      const legacy = legacyToolDefinitionHash(definitionOf(t));
      await db().tool.update({ where: { id: t.id }, data: { definitionHash: legacy, approvedHash: legacy } });
    }
    // "other" has no title or output schema: its old and new hashes are the same.
    expect(await rehashToolDefinitions(sys)).toEqual({ rehashed: 1 });
    expect(await rehashToolDefinitions(sys)).toEqual({ rehashed: 0 });
    expect(await importManifest(sys, server.slug, { tools: manifest })).toMatchObject({
      unchanged: ["lookup", "other"],
    });
    const tools = await db().tool.findMany({ where: { serverId: server.id } });
    expect(tools.every((t) => t.status === "APPROVED" && t.approvedHash === t.definitionHash)).toBe(true);
  });
});
