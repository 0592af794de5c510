import { spawnSync } from "node:child_process";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditActor, systemActor } from "@/lib/authz/actor";
import { closeConnection, db, useConnection as install } from "@/lib/db/client";
import { connectPglite } from "@/lib/db/connection";
import { migrate } from "@/lib/db/migrate";
import { auditTriggers } from "@/lib/testing/audit-triggers";
import { applyAuditRetention } from "@/lib/services/audit/audit-retention";
import { ensureAuditPartitions } from "@/lib/services/audit/ensure-audit-partitions";
import { writeCheckpoint } from "@/lib/services/audit/write-checkpoint";

/** `npm run audit:verify --archive` itself, on an embedded database folder whose two oldest months were dropped. */
describe("npm run audit:verify --archive", () => {
  let root: string;
  const pgliteDir = () => path.join(root, "pglite");
  const archive = () => path.join(root, "archive");
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/audit-verify.ts", ...args], {
      env: { ...process.env, PGLITE_DIR: pgliteDir(), DATABASE_URL: "", WARDEN_CHECKPOINT_DIR: "" },
      encoding: "utf8",
      timeout: 60_000,
    });

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "warden-archive-cli-"));
    await mkdir(archive());
    const conn = connectPglite(pgliteDir());
    install(conn);
    await migrate(conn);
    const actor = auditActor(systemActor("test"));
    const record = (n: number) =>
      db().$transaction((tx) =>
        recordAudit(
          tx,
          Array.from({ length: n }, () => ({ actor, category: "ADMIN" as const, action: "server.updated" as const })),
        ),
      );
    for (const [month, n, after] of [
      ["2024-01", 3, 0],
      ["2024-02", 2, 3],
    ] as const) {
      await ensureAuditPartitions(new Date(`${month}-15T00:00:00Z`));
      await record(n);
      await conn.withSession((s) =>
        s.exec(`${auditTriggers("DISABLE")}
          UPDATE "AuditEvent" SET "recordedAt" = '${month}-10T00:00:00Z' WHERE sequence > ${after};
          ${auditTriggers("ENABLE")}`),
      );
      await writeCheckpoint({ anchorsDir: null });
    }
    await record(3);
    expect(await applyAuditRetention({ archiveDir: archive() })).toMatchObject({ dropped: ["2024-01", "2024-02"] });
    await writeCheckpoint({ anchorsDir: null });
    await closeConnection();
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  // Each run starts tsx (and all but --offline open the database folder): seconds apiece on a busy machine.
  it(
    "passes the archive then the live chain from the last seal; names an edited archive line",
    { timeout: 180_000 },
    async () => {
      const full = cli("--archive", archive(), "--full");
      expect(full.stdout).toMatch(
        /^OK: 5 archived records in 2 sealed months, then 7 records continuing from the seal of 2024-02 \(#5\) and 3 signed checkpoints verified in \d+ ms, head #12;/,
      );
      expect(full.status).toBe(0);
      const incremental = cli("--archive", archive());
      expect(incremental.stdout).toMatch(
        /^OK: 5 archived records in 2 sealed months, then 0 records after the trusted checkpoint at #12/,
      );
      expect(incremental.status).toBe(0);
      const offline = cli("--archive", archive(), "--offline");
      expect(offline.stdout).toMatch(/^OK: 5 archived records in 2 sealed months verified \(2024-01, 2024-02\)/);
      expect(offline.status).toBe(0);

      const ndjson = path.join(archive(), "audit-2024-02.ndjson");
      await chmod(ndjson, 0o644);
      await writeFile(ndjson, (await readFile(ndjson, "utf8")).replace('"actorLabel":"test"', '"actorLabel":"tset"'));
      const failed = cli("--archive", archive(), "--full");
      expect(failed.stderr).toMatch(
        /FAILED in the archive: archived month 2024-02: audit-2024-02.ndjson line 1 \(#4\): the record no longer matches its hash/,
      );
      expect(failed.status).toBe(2);
    },
  );
});
