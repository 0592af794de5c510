import { expect, it } from "vitest";
import { systemActor, type UserActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { scopeOf } from "@/lib/policy/resource-scope";
import { currentSnapshot } from "@/lib/policy/snapshot-cache";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedTeam, seedUser } from "@/prisma/seed/factories";
import { seedAgent, seedServer, seedTools, tool } from "@/prisma/seed/registry-factories";
import { createGrant } from "./create-grant";
import { revokeGrant } from "./revoke-grant";
import { updateGrantResources } from "./update-grant-resources";

const sys = systemActor("test");
const DOCS = "demo://resource/static/document/";
const asActor = (u: Awaited<ReturnType<typeof seedUser>>): UserActor => ({ type: "USER", ...u });

describeWithDatabase("a grant's resources and prompts can be changed", () => {
  async function world() {
    const team = await seedTeam();
    const server = await seedServer({ ownerTeamId: team.id });
    await seedTools(server.slug, [tool("echo", { annotations: { readOnlyHint: true } })]);
    const agent = await seedAgent();
    const grant = await createGrant(sys, {
      agentId: agent.id,
      serverId: server.id,
      allowedTools: ["echo"],
      allowedOperations: ["read"],
      allowedResources: [`${DOCS}features.md`],
    });
    return { team, server, agent, grant };
  }
  const changes = (id: string) =>
    db().auditEvent.findMany({ where: { action: "grant.resources.changed", targetId: id } });

  it("replaces both lists, keeps the rest of the grant, and audits before and after in the same write", async () => {
    const w = await world();
    const out = await updateGrantResources(sys, w.grant.id, {
      allowedResources: [`${DOCS}*`, "demo://resource/dynamic/text/*"],
      allowedPrompts: ["simple-prompt", "*"],
    });
    expect(out.warnings).toEqual([
      "Wildcard resource pattern: it covers resources added later too.",
      "Wildcard prompt grant: it covers prompts added later too.",
    ]);
    const stored = await db().grant.findUniqueOrThrow({ where: { id: w.grant.id } });
    expect(stored).toMatchObject({
      allowedResources: [`${DOCS}*`, "demo://resource/dynamic/text/*"],
      allowedPrompts: ["simple-prompt", "*"],
      allowedTools: ["echo"],
      allowedOperations: ["read"],
    });
    const [record] = await changes(w.grant.id);
    expect(record.before).toEqual({ allowedResources: [`${DOCS}features.md`], allowedPrompts: [] });
    expect(record.after).toEqual({
      allowedResources: [`${DOCS}*`, "demo://resource/dynamic/text/*"],
      allowedPrompts: ["simple-prompt", "*"],
    });
    expect(record.attributes).toMatchObject({ server: w.server.slug, resourceWildcard: true, promptWildcard: true });
    // What a gateway decides on next: the changed lists.
    const snap = await currentSnapshot();
    const grants = snap.servers.get(w.server.slug)!.grants.get(w.agent.id)!;
    expect(scopeOf(grants).resources).toEqual([`${DOCS}*`, "demo://resource/dynamic/text/*"]);
  });

  it("refuses a pattern it cannot match safely, or a missing list, with a 400 naming it, and writes nothing", async () => {
    const w = await world();
    for (const [input, field] of [
      [{ allowedResources: [`${DOCS}../secret`], allowedPrompts: [] }, "allowedResources.0"],
      [{ allowedResources: [`${DOCS}{id}`], allowedPrompts: [] }, "allowedResources.0"],
      [{ allowedResources: [], allowedPrompts: [""] }, "allowedPrompts.0"],
      [{ allowedResources: [] }, "allowedPrompts"],
    ] as const)
      await expect(updateGrantResources(sys, w.grant.id, input as never), field).rejects.toMatchObject({
        code: "BAD_REQUEST",
        fields: { [field]: expect.any(String) },
      });
    expect((await db().grant.findUniqueOrThrow({ where: { id: w.grant.id } })).allowedResources).toEqual([
      `${DOCS}features.md`,
    ]);
    expect(await changes(w.grant.id)).toEqual([]);
  });

  it("may be changed only by an admin or an owner of the server's team, and never once revoked", async () => {
    const w = await world();
    const input = { allowedResources: ["*"], allowedPrompts: [] };
    const viewer = asActor(await seedUser({ roles: ["VIEWER"], teamIds: [w.team.id] }));
    const otherOwner = asActor(await seedUser({ roles: ["OWNER"], teamIds: [(await seedTeam()).id] }));
    const owner = asActor(await seedUser({ roles: ["OWNER"], teamIds: [w.team.id] }));
    await expect(updateGrantResources(viewer, w.grant.id, input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateGrantResources(otherOwner, w.grant.id, input)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await updateGrantResources(owner, w.grant.id, input);
    expect((await changes(w.grant.id)).map((r) => r.actorId)).toEqual([owner.id]);
    await revokeGrant(sys, w.grant.id, { reason: "no longer needed" });
    await expect(updateGrantResources(sys, w.grant.id, input)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await changes(w.grant.id)).toHaveLength(1);
  });
});
