import { expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditActor, systemActor, type UserActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { retentionDaysOf } from "@/lib/services/audit/audit-retention-days";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { seedUser } from "@/prisma/seed/factories";
import { seedServer } from "@/prisma/seed/registry-factories";
import { setAuditRetention } from "./set-audit-retention";

const asActor = (u: Awaited<ReturnType<typeof seedUser>>): UserActor => ({ type: "USER", ...u });
const stored = () =>
  db().orgSettings.findUniqueOrThrow({
    where: { id: 1 },
    select: { auditRetentionDays: true, auditRetentionByClass: true },
  });

describeWithDatabase("the organisation's audit retention", () => {
  it("is set by an admin, audited before and after; below 90 days is refused (422), a viewer is refused", async () => {
    const admin = asActor(await seedUser({ roles: ["ADMIN"] }));
    const after = await setAuditRetention(admin, {
      auditRetentionDays: "400",
      auditRetentionByClass: { RESTRICTED: 2555, PUBLIC: "" },
    });
    expect(after).toEqual({ auditRetentionDays: 400, auditRetentionByClass: { RESTRICTED: 2555 } });
    const record = await db().auditEvent.findFirst({ where: { action: "org.settings_updated" } });
    expect(record).toMatchObject({ actorId: admin.id, after: { auditRetentionDays: 400 } });

    await expect(
      setAuditRetention(admin, { auditRetentionDays: 400, auditRetentionByClass: { INTERNAL: 30 } }),
    ).rejects.toMatchObject({
      code: "UNPROCESSABLE",
      fields: { "auditRetentionByClass.INTERNAL": "At least 90 days" },
    });
    await expect(setAuditRetention(admin, { auditRetentionDays: 89 })).rejects.toMatchObject({ code: "UNPROCESSABLE" });
    await expect(setAuditRetention(admin, { auditRetentionDays: 400, extra: 1 } as never)).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    const viewer = asActor(await seedUser({ roles: ["VIEWER"] }));
    await expect(setAuditRetention(viewer, { auditRetentionDays: 400 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await stored()).toEqual({ auditRetentionDays: 400, auditRetentionByClass: { RESTRICTED: 2555 } });
  });

  it("keeps a month as long as the longest retention of any record in it", async () => {
    const now = new Date();
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
    expect(await retentionDaysOf(start, end)).toBe(400);
    const server = await seedServer({ dataClassification: "RESTRICTED" });
    await db().$transaction((tx) =>
      recordAudit(tx, {
        actor: auditActor(systemActor("gateway")),
        category: "ADMIN",
        action: "server.updated",
        call: { server: server.slug, tool: "t", agent: "a", onBehalfOf: null, sessionId: null },
      }),
    );
    expect(await retentionDaysOf(start, end)).toBe(2555);
  });
});
