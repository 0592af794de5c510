import { expect, it } from "vitest";
import type { UserActor } from "@/lib/authz/actor";
import type { Role } from "@/lib/generated/prisma/enums";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedTeam, seedUser } from "@/prisma/seed/factories";
import { seedServer } from "@/prisma/seed/registry-factories";
import { getServer } from "./get-server";
import { getServerActivity } from "./get-server-activity";

const person = async (roles: Role[], teamIds: string[] = []): Promise<UserActor> => ({
  type: "USER",
  ...(await seedUser({ roles, teamIds })),
});

describeWithDatabase("a server's Activity tab", () => {
  it("is offered to exactly the roles that may read it, so no role opens a tab that fails", async () => {
    const team = await seedTeam();
    const server = await seedServer({ ownerTeamId: team.id });
    const people: [string, UserActor][] = [
      ["ADMIN", await person(["ADMIN"])],
      ["AUDITOR", await person(["AUDITOR"])],
      ["own OWNER", await person(["OWNER"], [team.id])],
      ["other OWNER", await person(["OWNER"])],
      ["APPROVER", await person(["APPROVER"])],
      ["VIEWER", await person(["VIEWER"])],
    ];
    const offered: Record<string, boolean> = {};
    for (const [who, actor] of people) {
      const { canReadActivity } = await getServer(actor, server.slug);
      offered[who] = canReadActivity;
      const read = getServerActivity(actor, server.slug);
      if (canReadActivity) await expect(read).resolves.toMatchObject({ changes: expect.any(Array) });
      else await expect(read).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(offered).toEqual({
      ADMIN: true,
      AUDITOR: true,
      "own OWNER": true,
      "other OWNER": false,
      APPROVER: false,
      VIEWER: false,
    });
  });
});
