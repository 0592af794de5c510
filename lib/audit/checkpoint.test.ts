import { generateKeyPairSync, sign } from "node:crypto";
import { expect, it } from "vitest";
import { auditActor, systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { writeCheckpoint } from "@/lib/services/audit/write-checkpoint";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { hashRecord } from "./chain";
import { recordAudit } from "./record-audit";
import { checkpointMessage } from "./signing-key";
import { verifyChain } from "./verify-chain";

const actor = auditActor(systemActor("test"));
const append = (n: number) =>
  db().$transaction((tx) =>
    recordAudit(
      tx,
      Array.from({ length: n }, () => ({ actor, category: "ADMIN" as const, action: "server.updated" })),
    ),
  );

describeWithDatabase("signed checkpoints", ({ conn }) => {
  const tamper = (sql: string) =>
    conn().withSession(async (s) => {
      await s.exec(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER; ALTER TABLE "AuditCheckpoint" DISABLE TRIGGER USER`);
      try {
        await s.exec(sql);
      } finally {
        await s.exec(`ALTER TABLE "AuditEvent" ENABLE TRIGGER USER; ALTER TABLE "AuditCheckpoint" ENABLE TRIGGER USER`);
      }
    });
  const reset = () => tamper(`DELETE FROM "AuditCheckpoint"; DELETE FROM "AuditEvent"`);

  it("verifies a chain with checkpoints, and detects a truncated tail", async () => {
    await reset();
    await append(5);
    await writeCheckpoint();
    await append(3);
    await writeCheckpoint();
    expect(await verifyChain(db())).toMatchObject({ ok: true, checked: 8, checkpoints: 2 });
    await tamper(`DELETE FROM "AuditEvent" WHERE sequence > 6`);
    expect(await verifyChain(db())).toMatchObject({ ok: false, sequence: "7", problem: "deleted" });
  });

  it("detects a chain rewritten consistently (every hash recomputed) through a signed checkpoint", async () => {
    await reset();
    await append(6);
    await writeCheckpoint();
    // The attacker edits row 2 and recomputes every later hash, so the links alone look fine.
    const rows = await db().auditEvent.findMany({ orderBy: { sequence: "asc" } });
    let prev = rows[0].hash;
    const updates = rows.slice(1).map((r) => {
      const content = r.sequence === 2n ? { ...r, action: "rewritten" } : r;
      const hash = hashRecord(prev, { ...content });
      const sql = `UPDATE "AuditEvent" SET action = '${content.action}', "prevHash" = '${prev}', hash = '${hash}' WHERE sequence = ${r.sequence};`;
      prev = hash;
      return sql;
    });
    await tamper(updates.join("\n"));
    expect(await verifyChain(db())).toMatchObject({ ok: false, sequence: "6", problem: "rewritten" });
  });

  it("detects a forged checkpoint signature", async () => {
    await reset();
    await append(4);
    const cp = await writeCheckpoint();
    const forger = generateKeyPairSync("ed25519").privateKey;
    const forged = sign(null, Buffer.from(checkpointMessage(cp!.sequence, "f".repeat(64))), forger).toString("base64");
    await tamper(
      `UPDATE "AuditCheckpoint" SET hash = '${"f".repeat(64)}', signature = '${forged}' WHERE id = '${cp!.id}'`,
    );
    expect(await verifyChain(db())).toMatchObject({ ok: false, sequence: "4", problem: "forged" });
  });
});
