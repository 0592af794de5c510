import { expect, it } from "vitest";
import { systemActor, type TokenActor, type UserActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { setOrgPause } from "@/lib/services/org/set-org-pause";
import { createToken } from "@/lib/services/tokens/create-token";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedUser } from "@/prisma/seed/factories";
import { listGateways } from "./list-gateways";
import { recordGatewayContact } from "./record-gateway-contact";

const sys = systemActor("test");

describeWithDatabase("connected gateways", () => {
  it("records each gateway's contact, throttled, ignores a bad header, and says who is current and connected", async () => {
    const token = await createToken(sys, { name: "gw-list", scopes: ["bundle"], expiresInDays: 1 });
    const actor: TokenActor = { type: "TOKEN", id: token.id, name: token.name, scopes: ["bundle"] };
    const u = await seedUser({ roles: ["ADMIN"] });
    const admin: UserActor = { type: "USER", id: u.id, email: u.email, name: u.name, roles: ["ADMIN"] };
    const t0 = new Date();
    const current = (await db().orgSettings.findUnique({ where: { id: 1 } }))?.registryVersion ?? 0;
    const held = `"r${current}-p0"`;
    await recordGatewayContact(actor, { gatewayId: "gw-a:1", upstreams: "crm,files", heldEtag: held }, t0);
    await recordGatewayContact(actor, { gatewayId: "bad id with spaces", upstreams: "", heldEtag: held }, t0);
    await recordGatewayContact(actor, { gatewayId: "gw-b:2", upstreams: "Not A Slug", heldEtag: held }, t0);
    // Within 10 s, saying the same: not written again (lastSeenAt stays); saying something new: written.
    const later = new Date(t0.getTime() + 5_000);
    await recordGatewayContact(actor, { gatewayId: "gw-a:1", upstreams: "crm,files", heldEtag: held }, later);
    let rows = await listGateways(admin, later);
    expect(rows.map((r) => r.gatewayId)).toEqual(["gw-a:1"]);
    expect(rows[0]).toMatchObject({ upstreams: ["crm", "files"], current: true, connected: true });
    expect(new Date(rows[0].lastSeenAt).getTime()).toBe(t0.getTime());
    await recordGatewayContact(actor, { gatewayId: "gw-a:1", upstreams: "crm,files,memory", heldEtag: held }, later);
    rows = await listGateways(admin, later);
    expect(rows[0].upstreams).toEqual(["crm", "files", "memory"]);
    expect(rows[0].token.name).toBe("gw-list");

    // A change in Warden: the gateway that has not polled since is behind, and after 90 s not connected.
    await setOrgPause(sys, { paused: true, reason: "test: the bundle moves on" });
    rows = await listGateways(admin, new Date(later.getTime() + 91_000));
    expect(rows[0]).toMatchObject({ current: false, connected: false });
    await setOrgPause(sys, { paused: false, reason: "test: done" });

    await expect(listGateways({ ...admin, roles: ["AUDITOR"] })).rejects.toThrow(/gateways.read/);
  });
});
