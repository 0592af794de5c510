import { expect, it } from "vitest";
import type { TokenActor, UserActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { verifyChain } from "@/lib/audit/verify-chain";
import { parseBatch } from "@/lib/ingest/parse-batch";
import { ingestEvents } from "@/lib/services/ingest/ingest-events";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedUser } from "@/prisma/seed/factories";
import { setFindingStatus } from "./set-finding-status";

const collector: TokenActor = {
  type: "TOKEN",
  id: "00000000-0000-0000-0000-0000000000cc",
  name: "collector",
  scopes: ["ingest"],
};
const asActor = (u: { id: string; email: string; name: string; roles: UserActor["roles"] }): UserActor => ({
  type: "USER",
  ...u,
});
const shadowCalls = (server: string, n: number) => {
  const r = parseBatch(
    JSON.stringify(
      Array.from({ length: n }, (_, i) => ({
        timestamp: new Date(Date.UTC(2026, 10, 5, 10, i)).toISOString(),
        server,
        tool: "t",
        agent: "ghost",
        outcome: "success",
      })),
    ),
    "application/json",
  );
  if (!r.ok) throw new Error("bad batch");
  return r.events;
};

describeWithDatabase("findings", () => {
  it("lets an ADMIN acknowledge and resolve a finding, audited, and refuses everyone else", async () => {
    const admin = asActor(await seedUser({ roles: ["ADMIN"] }));
    const auditor = asActor(await seedUser({ roles: ["AUDITOR"] }));
    const server = `shadow-${Date.now().toString(36)}`;
    await ingestEvents(collector, shadowCalls(server, 3));
    const finding = await db().finding.findUniqueOrThrow({
      where: { type_entityKey: { type: "shadow_server", entityKey: server } },
    });
    await expect(setFindingStatus(auditor, finding.id, { status: "RESOLVED" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      setFindingStatus(admin, "00000000-0000-0000-0000-000000000000", { status: "RESOLVED" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(setFindingStatus(admin, finding.id, { status: "CLOSED" as never })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(
      await setFindingStatus(admin, finding.id, { status: "ACKNOWLEDGED", note: "owner contacted" }),
    ).toMatchObject({ status: "ACKNOWLEDGED" });
    const record = await db().auditEvent.findFirstOrThrow({
      where: { action: "finding.acknowledged", targetId: finding.id },
    });
    expect(record).toMatchObject({ before: { status: "OPEN" }, after: { status: "ACKNOWLEDGED" } });
    expect(record.attributes).toMatchObject({ note: "owner contacted", type: "shadow_server" });
  });

  it("changes a finding's status while ingest keeps raising it, without deadlock", async () => {
    const admin = asActor(await seedUser({ roles: ["ADMIN"] }));
    const server = `busy-${Date.now().toString(36)}`;
    await ingestEvents(collector, shadowCalls(server, 1));
    const finding = await db().finding.findUniqueOrThrow({
      where: { type_entityKey: { type: "shadow_server", entityKey: server } },
    });
    const statuses = ["ACKNOWLEDGED", "OPEN", "RESOLVED", "ACKNOWLEDGED"] as const;
    await Promise.all([
      ...Array.from({ length: 4 }, () => ingestEvents(collector, shadowCalls(server, 20))),
      ...statuses.map((status) => setFindingStatus(admin, finding.id, { status })),
    ]);
    // One sighting per batch: a batch raises each finding once, however many of its events match.
    expect((await db().finding.findUniqueOrThrow({ where: { id: finding.id } })).count).toBe(1 + 4);
    expect(await verifyChain(db())).toMatchObject({ ok: true });
  });
});
