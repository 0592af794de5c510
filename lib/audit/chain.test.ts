import { expect, it } from "vitest";
import { systemActor, auditActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { hashRecord } from "./chain";
import { recordAudit } from "./record-audit";
import { verifyChain as verifyStreamed } from "./verify-chain";

/** The streamed verdict (in batches of 3, so their boundaries fall inside the chain), checked against a run over every row in memory. */
async function verifyChain(prisma: ReturnType<typeof db>) {
  const streamed = await verifyStreamed(prisma, { batch: 3 });
  expect(await verifyStreamed(prisma, { read: "memory" })).toEqual(streamed);
  return streamed;
}

const actor = auditActor(systemActor("test"));

async function appendEvents(n: number) {
  await db().$transaction((tx) =>
    recordAudit(
      tx,
      Array.from({ length: n }, (_, i) => ({
        actor,
        category: "ADMIN" as const,
        action: "server.updated",
        after: { i, password: "hunter2" },
      })),
    ),
  );
}

describeWithDatabase("audit chain", ({ conn }) => {
  // Tampering happens below Warden, as a database owner would: bypassing the append-only trigger.
  const tamper = (sql: string) =>
    conn().withSession(async (s) => {
      await s.exec(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`);
      try {
        await s.exec(sql);
      } finally {
        await s.exec(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"`);
      }
    });
  const reset = () => tamper(`DELETE FROM "AuditEvent"`);

  it("verifies an empty and an intact chain, and redacts secrets before hashing", async () => {
    await reset();
    expect(await verifyChain(db())).toMatchObject({ ok: true, checked: 0, head: null });
    await appendEvents(10);
    await db().$transaction((tx) => recordAudit(tx, { actor, category: "AUTH", action: "auth.sign_in" }));
    const result = await verifyChain(db());
    expect(result).toMatchObject({ ok: true, checked: 11, head: { sequence: "11" } });
    const row = await db().auditEvent.findFirstOrThrow({ where: { sequence: 1n } });
    expect(row.after).toEqual({ i: 0, password: "[REDACTED]" });
  });

  it("refuses ordinary updates and deletes at the database", async () => {
    await reset();
    await appendEvents(2);
    await expect(db().auditEvent.deleteMany({})).rejects.toThrow();
    await expect(db().auditEvent.updateMany({ data: { action: "x" } })).rejects.toThrow();
  });

  it("never forks when many transactions append at once", async () => {
    await reset();
    await Promise.all(Array.from({ length: 8 }, () => appendEvents(5)));
    expect(await verifyChain(db())).toMatchObject({ ok: true, checked: 40 });
  });

  it("rolls the record back with a failed transaction", async () => {
    await reset();
    await expect(
      db().$transaction(async (tx) => {
        await recordAudit(tx, { actor, category: "ADMIN", action: "server.updated" });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await db().auditEvent.count()).toBe(0);
  });

  it("names an edited row", async () => {
    await reset();
    await appendEvents(10);
    await tamper(`UPDATE "AuditEvent" SET outcome = 'failure' WHERE sequence = 4`);
    expect(await verifyChain(db())).toMatchObject({ ok: false, sequence: "4", problem: "edited" });
  });

  it("names a deleted row", async () => {
    await reset();
    await appendEvents(10);
    await tamper(`DELETE FROM "AuditEvent" WHERE sequence = 6`);
    expect(await verifyChain(db())).toMatchObject({ ok: false, sequence: "6", problem: "deleted" });
  });

  it("names a deleted row even when later rows were renumbered to hide the gap", async () => {
    await reset();
    await appendEvents(10);
    await tamper(
      `DELETE FROM "AuditEvent" WHERE sequence = 6; UPDATE "AuditEvent" SET sequence = sequence - 1 WHERE sequence > 6`,
    );
    expect(await verifyChain(db())).toMatchObject({ ok: false, sequence: "6", problem: "deleted" });
  });

  it("names an inserted row, even one forged with a correct hash", async () => {
    await reset();
    await appendEvents(10);
    const prev = await db().auditEvent.findFirstOrThrow({ where: { sequence: 5n } });
    const forged = {
      ...prev,
      sequence: 6n,
      id: crypto.randomUUID(),
      action: "forged",
      before: null,
      after: null,
      attributes: null,
    };
    const hash = hashRecord(prev.hash, forged);
    await tamper(`UPDATE "AuditEvent" SET sequence = sequence + 100 WHERE sequence > 5;
      UPDATE "AuditEvent" SET sequence = sequence - 99 WHERE sequence > 100;
      INSERT INTO "AuditEvent" (sequence, id, "occurredAt", "actorType", "actorId", "actorLabel", category, action, outcome, "prevHash", hash)
      VALUES (6, '${forged.id}', '${prev.occurredAt.toISOString()}', '${prev.actorType}', NULL, '${prev.actorLabel}', '${prev.category}', 'forged', '${prev.outcome}', '${prev.hash}', '${hash}')`);
    expect(await verifyChain(db())).toMatchObject({ ok: false, sequence: "6", problem: "inserted" });
  });

  it("names reordered rows", async () => {
    await reset();
    await appendEvents(10);
    await tamper(`UPDATE "AuditEvent" SET sequence = 1000 WHERE sequence = 3;
      UPDATE "AuditEvent" SET sequence = 3 WHERE sequence = 4;
      UPDATE "AuditEvent" SET sequence = 4 WHERE sequence = 1000`);
    expect(await verifyChain(db())).toMatchObject({ ok: false, sequence: "3", problem: "reordered" });
  });
});
