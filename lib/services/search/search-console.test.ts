import { expect, it } from "vitest";
import type { UserActor } from "@/lib/authz/actor";
import { decideToolCall } from "@/lib/services/decisions/decide-tool-call";
import { getMyOverview } from "@/lib/services/dashboard/get-my-overview";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { gateway, seedDecisionWorld } from "@/prisma/seed/decision-fixture";
import { seedUser } from "@/prisma/seed/factories";
import { searchConsole } from "./search-console";

const asActor = (u: { id: string; email: string; name: string; roles: UserActor["roles"] }): UserActor => ({
  type: "USER",
  ...u,
});

describeWithDatabase("the command palette's search, and an owner's own view", () => {
  it("finds things by name, only those the role may open", async () => {
    const w = await seedDecisionWorld();
    const pending = await decideToolCall(gateway, {
      agent: w.agent.clientId,
      server: w.server.slug,
      tool: "update_record",
      arguments: { id: "1" },
    });
    expect(pending.decision).toBe("pending");
    const admin = asActor(await seedUser({ name: "Palette Admin", roles: ["ADMIN"] }));
    const viewer = asActor(await seedUser({ name: "Palette Viewer", roles: ["VIEWER"] }));
    const kinds = async (actor: UserActor, q: string) =>
      [...new Set((await searchConsole(actor, { q })).hits.map((h) => h.kind))].sort();

    const byName = await searchConsole(viewer, { q: w.server.name.toUpperCase() });
    expect(byName.hits[0]).toMatchObject({ kind: "server", href: `/servers/${w.server.slug}` });
    expect(await kinds(viewer, "update_record")).toEqual(["tool"]);
    // Approvals and people are for roles that may open them.
    expect(await kinds(w.owner, "update_record")).toEqual(["approval", "tool"]);
    expect(await kinds(viewer, "Palette")).toEqual([]);
    expect(await kinds(admin, "Palette")).toEqual(["user"]);
    await expect(searchConsole(viewer, { q: "  " })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    // The owner's dashboard lists their team's server and the request waiting on it; a viewer's is empty.
    const mine = await getMyOverview(w.owner);
    expect(mine.servers.map((s) => s.slug)).toEqual([w.server.slug]);
    expect(mine.approvals.map((a) => a.id)).toEqual([pending.approvalId]);
    const theirs = await getMyOverview(viewer);
    expect(theirs).toMatchObject({ servers: [], approvals: [], findings: [] });
  });
});
