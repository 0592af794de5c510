import { mkdtemp, mkdir, writeFile, cp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BACKENDS, openTestDatabase } from "@/lib/testing/test-database";
import { migrate, migrationsDir } from "./migrate";

describe.each(BACKENDS)("migration runner [%s]", (backend) => {
  it("applies every migration to a fresh database, records it as Prisma does, and skips it next time", async () => {
    const db = await openTestDatabase(backend, { migrate: false });
    try {
      const first = await migrate(db.conn);
      expect(first.applied.length).toBeGreaterThan(0);
      const rows = await db.conn.withSession((s) =>
        s.query<{ migration_name: string; checksum: string; applied_steps_count: number; finished_at: Date | null }>(
          `SELECT migration_name, checksum, applied_steps_count, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
        ),
      );
      expect(rows.map((r) => r.migration_name)).toEqual(first.applied);
      expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum) && r.applied_steps_count === 1 && r.finished_at)).toBe(
        true,
      );
      const second = await migrate(db.conn);
      expect(second).toEqual({ applied: [], skipped: first.applied.length });
      // Two runners at once: the advisory lock lets exactly one do the work.
      const [a, b] = await Promise.all([migrate(db.conn), migrate(db.conn)]);
      expect(a.applied.length + b.applied.length).toBe(0);
    } finally {
      await db.close();
    }
  });

  it("refuses an applied migration that was edited, and rolls back a failing one", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "warden-mig-"));
    await cp(migrationsDir(), dir, { recursive: true });
    const db = await openTestDatabase(backend, { migrate: false });
    try {
      await migrate(db.conn, dir);
      await mkdir(path.join(dir, "29990101000000_broken"));
      await writeFile(
        path.join(dir, "29990101000000_broken", "migration.sql"),
        `CREATE TABLE "Half" (id int); SELECT nope FROM nowhere;`,
      );
      await expect(migrate(db.conn, dir)).rejects.toThrow(/29990101000000_broken failed/);
      const half = await db.conn.withSession((s) => s.query(`SELECT to_regclass('"Half"') AS t`));
      expect(half).toEqual([{ t: null }]);
      await writeFile(path.join(dir, "29990101000000_broken", "migration.sql"), `SELECT 1;`);
      await migrate(db.conn, dir);
      await writeFile(path.join(dir, "29990101000000_broken", "migration.sql"), `SELECT 2;`);
      await expect(migrate(db.conn, dir)).rejects.toThrow(/edited after it was applied/);
    } finally {
      await db.close();
    }
  });
});
