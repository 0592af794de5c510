import { expect, it } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedAgent, seedServer, seedTools, tool } from "@/prisma/seed/registry-factories";
import { createGrant } from "./create-grant";

const sys = systemActor("test");
const DOCS = "demo://resource/static/document/";

describeWithDatabase("a grant names the resources and prompts it covers", () => {
  async function world() {
    const server = await seedServer();
    await seedTools(server.slug, [tool("echo", { annotations: { readOnlyHint: true } })]);
    const agent = await seedAgent();
    return { agentId: agent.id, serverId: server.id, allowedTools: ["echo"], allowedOperations: ["read" as const] };
  }

  it("stores its resource patterns and prompts, with the audit record in the same transaction", async () => {
    const base = await world();
    const grant = await createGrant(sys, {
      ...base,
      allowedResources: [`${DOCS}*`, "demo://resource/dynamic/text/*"],
      allowedPrompts: ["simple-prompt", "*"],
    });
    const stored = await db().grant.findUniqueOrThrow({ where: { id: grant.id } });
    expect(stored.allowedResources).toEqual([`${DOCS}*`, "demo://resource/dynamic/text/*"]);
    expect(stored.allowedPrompts).toEqual(["simple-prompt", "*"]);
    // A `*` is flagged as in a tool grant: it covers what the server adds later.
    expect(grant.warnings).toEqual([
      "Wildcard resource pattern: it covers resources added later too.",
      "Wildcard prompt grant: it covers prompts added later too.",
    ]);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "grant.created", targetId: grant.id } });
    expect(audit.after).toMatchObject({
      allowedResources: [`${DOCS}*`, "demo://resource/dynamic/text/*"],
      allowedPrompts: ["simple-prompt", "*"],
    });
    expect(audit.attributes).toMatchObject({ resourceWildcard: true, promptWildcard: true });
  });

  it("covers no resource or prompt unless it names them", async () => {
    const grant = await createGrant(sys, await world());
    const stored = await db().grant.findUniqueOrThrow({ where: { id: grant.id } });
    expect([stored.allowedResources, stored.allowedPrompts]).toEqual([[], []]);
  });

  it("refuses a pattern it cannot match safely with a 400 that names it, and writes nothing", async () => {
    const base = await world();
    const before = await db().auditEvent.count({ where: { action: "grant.created" } });
    for (const [pattern, why] of [
      ["*.md", /no scheme/],
      [`${DOCS}../secret`, /dot segment/],
      [`${DOCS}{id}`, /template/],
      [`${DOCS}***`, /\*\*\*/],
      [`${DOCS}a b`, /whitespace/],
    ] as const)
      await expect(createGrant(sys, { ...base, allowedResources: [pattern] }), pattern).rejects.toMatchObject({
        code: "BAD_REQUEST",
        fields: { "allowedResources.0": expect.stringMatching(why) },
      });
    await expect(createGrant(sys, { ...base, allowedPrompts: [""] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await db().grant.count({ where: { agentId: base.agentId } })).toBe(0);
    expect(await db().auditEvent.count({ where: { action: "grant.created" } })).toBe(before);
  });
});
