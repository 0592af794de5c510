import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditActor, systemActor } from "@/lib/authz/actor";
import { closeConnection, db, useConnection as install } from "@/lib/db/client";
import { connectPglite } from "@/lib/db/connection";
import { migrate } from "@/lib/db/migrate";
import { writeCheckpoint } from "@/lib/services/audit/write-checkpoint";

/** `npm run audit:verify` itself, on an embedded database folder (the CLI opens it after the test closes it). */
describe("npm run audit:verify", () => {
  let root: string;
  const pgliteDir = () => path.join(root, "pglite");
  const anchors = () => path.join(root, "checkpoints");
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/audit-verify.ts", ...args], {
      env: { ...process.env, PGLITE_DIR: pgliteDir(), DATABASE_URL: "", WARDEN_CHECKPOINT_DIR: "" },
      encoding: "utf8",
      timeout: 60_000,
    });
  const open = async () => {
    const conn = connectPglite(pgliteDir());
    install(conn);
    return conn;
  };

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "warden-cli-"));
    await migrate(await open());
    const actor = auditActor(systemActor("test"));
    for (let i = 0; i < 2; i++) {
      await db().$transaction((tx) =>
        recordAudit(
          tx,
          Array.from({ length: 10 }, () => ({ actor, category: "ADMIN" as const, action: "server.updated" })),
        ),
      );
      await writeCheckpoint({ anchorsDir: anchors() });
    }
    await db().$transaction((tx) => recordAudit(tx, { actor, category: "ADMIN", action: "server.updated" }));
    await closeConnection();
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  // Each run starts tsx and opens the database folder: seconds apiece on a busy machine.
  it(
    "passes an intact chain, counting the records past the last checkpoint; fails once its tail is gone",
    { timeout: 180_000 },
    async () => {
      const ok = cli("--anchors", anchors(), "--full");
      expect(ok.stdout).toMatch(
        /^OK: 21 records and 2 signed checkpoints verified in \d+ ms, head #21; 2 anchored checkpoints matched; 1 record past the last checkpoint \(#20\)/,
      );
      expect(ok.status).toBe(0);
      // By default only what follows the newest trusted checkpoint is read.
      const incremental = cli("--anchors", anchors());
      expect(incremental.stdout).toMatch(
        /^OK: 1 record after the trusted checkpoint at #20 \(--full checks from the first\) and 2 signed checkpoints verified in \d+ ms, head #21;/,
      );
      expect(incremental.status).toBe(0);

      const conn = await open();
      await conn.withSession((s) =>
        s.exec(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER; ALTER TABLE "AuditCheckpoint" DISABLE TRIGGER USER;
        DELETE FROM "AuditEvent" WHERE sequence > 10; DELETE FROM "AuditCheckpoint" WHERE sequence > 10;
        ALTER TABLE "AuditEvent" ENABLE TRIGGER USER; ALTER TABLE "AuditCheckpoint" ENABLE TRIGGER USER`),
      );
      await closeConnection();
      const failed = cli("--anchors", anchors());
      expect(failed.stderr).toMatch(
        /FAILED at sequence 11: deleted\. the chain ends at #10, but a checkpoint signed for #20 \(anchor file/,
      );
      expect(failed.status).toBe(2);
      // By default it reads the folder next to the embedded database, where the server writes them.
      expect(cli().stderr).toMatch(/FAILED at sequence 11: deleted/);
    },
  );
});
