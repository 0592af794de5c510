import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { auditActor, systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import type { Connection } from "@/lib/db/connection";
import { writeCheckpoint } from "@/lib/services/audit/write-checkpoint";
import { describeWithDatabase } from "@/lib/testing/test-database";
import { hashRecord } from "./chain";
import { recordAudit } from "./record-audit";
import { checkpointMessage, evidenceSigner, keyIdOf } from "./signing-key";
import { verifyChain, type TamperKind } from "./verify-chain";
import { auditTriggers } from "@/lib/testing/audit-triggers";

const actor = auditActor(systemActor("test"));
const append = (n: number) =>
  db().$transaction((tx) =>
    recordAudit(
      tx,
      Array.from({ length: n }, () => ({ actor, category: "ADMIN" as const, action: "server.updated" })),
    ),
  );

type World = { conn: Connection; dir: string };

/** SQL run as the tables' owner, with their triggers off: what someone with database access can do. */
async function asOwner(conn: Connection, sql: string) {
  await conn.withSession(async (s) => {
    await s.exec(auditTriggers("DISABLE"));
    try {
      await s.exec(sql);
    } finally {
      await s.exec(auditTriggers("ENABLE"));
    }
  });
}

/** Rewrites records from `from` on (their action), recomputing every hash after it, as a careful attacker would. */
async function rewriteFrom(from: bigint) {
  const rows = await db().auditEvent.findMany({ orderBy: { sequence: "asc" } });
  let prev = rows.find((r) => r.sequence === from - 1n)?.hash ?? "0".repeat(64);
  const sql: string[] = [];
  const heads = new Map<bigint, string>();
  for (const r of rows.filter((r) => r.sequence >= from)) {
    const hash = hashRecord(prev, { ...r, action: `rewritten-${r.sequence}` });
    sql.push(
      `UPDATE "AuditEvent" SET action = 'rewritten-${r.sequence}', "prevHash" = '${prev}', hash = '${hash}' WHERE sequence = ${r.sequence};`,
    );
    heads.set(r.sequence, hash);
    prev = hash;
  }
  return { sql: sql.join("\n"), heads };
}

const attacker = () => {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    keyId: keyIdOf(publicKey),
    pem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    sign: (seq: bigint, hash: string) =>
      sign(null, Buffer.from(checkpointMessage(seq, hash)), privateKey as KeyObject).toString("base64"),
  };
};

/** Re-signs every stored checkpoint over the rewritten heads, under `keyId`, with the attacker's key. */
function resignAll(heads: Map<bigint, string>, keyId: string, signWith: ReturnType<typeof attacker>["sign"]) {
  return [...heads.entries()]
    .filter(([seq]) => seq % 10n === 0n)
    .map(
      ([seq, hash]) =>
        `UPDATE "AuditCheckpoint" SET hash = '${hash}', "keyId" = '${keyId}', signature = '${signWith(seq, hash)}' WHERE sequence = ${seq};`,
    )
    .join("\n");
}

type Case = {
  name: string;
  tamper: (w: World) => Promise<void>;
  problem: TamperKind;
  sequence: string;
  detail: RegExp;
};

// The chain has 30 records, checkpointed (in the database and the anchors folder) at #10, #20 and #30.
const CASES: Case[] = [
  {
    name: "deleting the last 10 rows",
    tamper: ({ conn }) => asOwner(conn, `DELETE FROM "AuditEvent" WHERE sequence > 20`),
    problem: "deleted",
    sequence: "21",
    detail: /the chain ends at #20, but a checkpoint signed for #30 \(anchor file .*\) says it reached #30/,
  },
  {
    name: "deleting the tail and its checkpoint",
    tamper: ({ conn }) =>
      asOwner(conn, `DELETE FROM "AuditEvent" WHERE sequence > 20; DELETE FROM "AuditCheckpoint" WHERE sequence > 20`),
    problem: "deleted",
    sequence: "21",
    detail: /records #21–#30 were deleted; the database's copy of that checkpoint is gone too/,
  },
  {
    name: "rewriting the whole chain and deleting later checkpoints",
    tamper: async ({ conn }) => {
      const { sql } = await rewriteFrom(1n);
      await asOwner(conn, `${sql}\nDELETE FROM "AuditCheckpoint"`);
    },
    problem: "rewritten",
    sequence: "10",
    detail: /differs from the checkpoint signed for it \(anchor file .*\): records between #1 and #10 were changed/,
  },
  {
    name: "adding an attacker's key to SigningKey and re-signing every checkpoint",
    tamper: async ({ conn }) => {
      const { sql, heads } = await rewriteFrom(1n);
      const evil = attacker();
      await asOwner(
        conn,
        `${sql}\nINSERT INTO "SigningKey" (id, "publicKey") VALUES ('${evil.keyId}', '${evil.pem}');\n${resignAll(heads, evil.keyId, evil.sign)}`,
      );
    },
    problem: "forged",
    sequence: "10",
    detail:
      /the checkpoint stored for #10 is signed by key [0-9a-f]{16}, which is not a trusted key \(trusted: [0-9a-f]{16} \(WARDEN_SIGNING_KEY\)\)/,
  },
  {
    name: "overwriting the stored public key (and re-signing under its id)",
    tamper: async ({ conn }) => {
      const { sql, heads } = await rewriteFrom(1n);
      const evil = attacker();
      const real = evidenceSigner()!.keyId;
      await asOwner(
        conn,
        `${sql}\nUPDATE "SigningKey" SET "publicKey" = '${evil.pem}' WHERE id = '${real}';\n${resignAll(heads, real, evil.sign)}`,
      );
    },
    problem: "forged",
    sequence: "10",
    detail: /the checkpoint stored for #10 names trusted key [0-9a-f]{16}, but its signature does not verify/,
  },
  {
    name: "overwriting the stored public key alone",
    tamper: ({ conn }) =>
      asOwner(
        conn,
        `UPDATE "SigningKey" SET "publicKey" = '${attacker().pem}' WHERE id = '${evidenceSigner()!.keyId}'`,
      ),
    problem: "key_replaced",
    sequence: "10",
    detail: /the public key stored for key [0-9a-f]{16} \(SigningKey\) was overwritten with key [0-9a-f]{16}/,
  },
  {
    name: "TRUNCATE of both tables",
    tamper: async ({ conn }) => {
      // The owner is refused too, until they disable the triggers (the application's role cannot).
      await expect(conn.withSession((s) => s.exec(`TRUNCATE "AuditEvent", "AuditCheckpoint"`))).rejects.toThrow(
        /append-only: TRUNCATE is refused/,
      );
      await asOwner(conn, `TRUNCATE "AuditEvent", "AuditCheckpoint"`);
    },
    problem: "deleted",
    sequence: "1",
    detail:
      /the chain is empty, but 3 signed checkpoints \(the latest for #30, in anchor file .*\) say it held 30 records: the audit tables were emptied; the database's copy of that checkpoint is gone too/,
  },
  {
    name: "replacing one record with a freshly hashed one",
    tamper: async ({ conn }) => {
      const row = await db().auditEvent.findFirstOrThrow({ where: { sequence: 15n } });
      const hash = hashRecord(row.prevHash, { ...row, action: "replaced" });
      await asOwner(conn, `UPDATE "AuditEvent" SET action = 'replaced', hash = '${hash}' WHERE sequence = 15`);
    },
    problem: "replaced",
    sequence: "15",
    detail: /the record at #15 was replaced: it hashes correctly, but #16 links to a different record/,
  },
  {
    name: "rewriting the records after the last-but-one checkpoint",
    tamper: async ({ conn }) => {
      const { sql } = await rewriteFrom(25n);
      await asOwner(conn, sql);
    },
    problem: "rewritten",
    sequence: "30",
    detail:
      /differs from the checkpoint signed for it \(stored in the database\): records between #21 and #30 were changed/,
  },
  {
    name: "moving a checkpoint onto a rewritten head with its old signature",
    tamper: async ({ conn }) => {
      const { sql, heads } = await rewriteFrom(25n);
      await asOwner(conn, `${sql}\nUPDATE "AuditCheckpoint" SET hash = '${heads.get(30n)}' WHERE sequence = 30`);
    },
    problem: "forged",
    sequence: "30",
    detail:
      /the checkpoint stored for #30 names trusted key [0-9a-f]{16}, but its signature does not verify: it was forged or altered/,
  },
  {
    name: "deleting one checkpoint",
    tamper: ({ conn }) => asOwner(conn, `DELETE FROM "AuditCheckpoint" WHERE sequence = 20`),
    problem: "missing_checkpoint",
    sequence: "20",
    detail: /the checkpoint signed for #20 \(anchor file .*\) is missing from the database/,
  },
  {
    name: "editing an anchor file",
    tamper: async ({ dir }) => {
      const day = (await readdir(dir))[0];
      const file = path.join(dir, day, `${"20".padStart(20, "0")}.json`);
      const anchor = JSON.parse(await readFile(file, "utf8"));
      await rm(file, { force: true });
      await writeFile(file, JSON.stringify({ ...anchor, hash: "f".repeat(64) }));
    },
    problem: "forged",
    sequence: "20",
    detail:
      /anchor file .*00000000000000000020\.json names trusted key [0-9a-f]{16}, but its signature does not verify/,
  },
];

describeWithDatabase("tampering as the tables' owner, verified against the anchors folder", ({ conn }) => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "warden-anchors-"));
    await asOwner(conn(), `DELETE FROM "AuditCheckpoint"; DELETE FROM "AuditEvent"; DELETE FROM "SigningKey"`);
    for (let i = 0; i < 3; i++) {
      await append(10);
      await writeCheckpoint({ anchorsDir: dir });
    }
    expect(await verifyChain(db(), { anchorsDir: dir })).toMatchObject({
      ok: true,
      checked: 30,
      checkpoints: 3,
      anchors: 3,
      lastCheckpoint: "30",
      unprotected: 0,
    });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it.each(CASES)("detects $name", async ({ tamper, problem, sequence, detail }) => {
    await tamper({ conn: conn(), dir });
    const result = await verifyChain(db(), { anchorsDir: dir });
    expect(result).toMatchObject({ ok: false, problem, sequence });
    expect(result.ok ? "" : result.detail).toMatch(detail);
    // Streamed in batches whose boundaries fall inside the chain, or read whole into memory: the same verdict.
    expect(await verifyChain(db(), { anchorsDir: dir, batch: 7 })).toEqual(result);
    expect(await verifyChain(db(), { anchorsDir: dir, read: "memory" })).toEqual(result);
    // Incremental: the same verdict, unless the damage lies at or before the checkpoint it trusted.
    const incremental = await verifyChain(db(), { anchorsDir: dir, incremental: true, batch: 7 });
    if (incremental.ok) expect(BigInt(incremental.startedAfter ?? 0)).toBeGreaterThanOrEqual(BigInt(sequence));
    else expect({ ...incremental, checked: 0 }).toEqual({ ...result, checked: 0 });
  });

  it("checks incrementally only what follows the newest trusted checkpoint; --full also finds older damage", async () => {
    await append(4);
    expect(await verifyChain(db(), { anchorsDir: dir, incremental: true })).toMatchObject({
      ok: true,
      checked: 4,
      startedAfter: "30",
      head: { sequence: "34" },
      unprotected: 4,
    });
    await asOwner(conn(), `UPDATE "AuditEvent" SET action = 'edited' WHERE sequence = 33`);
    expect(await verifyChain(db(), { anchorsDir: dir, incremental: true })).toMatchObject({
      ok: false,
      problem: "edited",
      sequence: "33",
    });
    await asOwner(conn(), `UPDATE "AuditEvent" SET action = 'server.updated' WHERE sequence = 33`);
    // Damage before the trusted checkpoint: not re-read incrementally, found by a full run.
    await asOwner(conn(), `UPDATE "AuditEvent" SET action = 'edited' WHERE sequence = 5`);
    expect(await verifyChain(db(), { anchorsDir: dir, incremental: true })).toMatchObject({
      ok: true,
      startedAfter: "30",
    });
    expect(await verifyChain(db(), { anchorsDir: dir })).toMatchObject({ ok: false, problem: "edited", sequence: "5" });
  });

  it("counts the records past the last checkpoint", async () => {
    await append(4);
    expect(await verifyChain(db(), { anchorsDir: dir })).toMatchObject({
      ok: true,
      lastCheckpoint: "30",
      unprotected: 4,
    });
  });
});
