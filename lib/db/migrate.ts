import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";
import { connectPostgres, type Connection, type SqlSession } from "./connection";

// Any constant works; it only has to be the same for every Warden process.
const MIGRATION_LOCK_KEY = 7_305_112_001;

export type MigrationResult = { applied: string[]; skipped: number };

type Migration = { name: string; sql: string; checksum: string };

export function migrationsDir(): string {
  return path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations");
}

async function loadMigrations(dir: string): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

async function applyPending(s: SqlSession, migrations: Migration[]): Promise<MigrationResult> {
  await s.exec(CREATE_TABLE);
  const done = await s.query<{ migration_name: string; checksum: string }>(
    `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const applied = new Map(done.map((r) => [r.migration_name, r.checksum]));
  const result: MigrationResult = { applied: [], skipped: 0 };
  for (const m of migrations) {
    const previous = applied.get(m.name);
    if (previous && previous !== m.checksum) {
      throw new Error(`Migration ${m.name} was edited after it was applied (checksum mismatch)`);
    }
    if (previous) {
      result.skipped++;
      continue;
    }
    await s.exec("BEGIN");
    try {
      const startedAt = new Date();
      await s.exec(m.sql);
      await s.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
         VALUES ($1, $2, $3, $4, now(), 1)`,
        [randomUUID(), m.checksum, m.name, startedAt],
      );
      await s.exec("COMMIT");
    } catch (error) {
      await s.exec("ROLLBACK");
      throw new Error(`Migration ${m.name} failed: ${(error as Error).message}`);
    }
    result.applied.push(m.name);
  }
  return result;
}

/** Applies prisma/migrations in name order under an advisory lock, recording them as Prisma does. */
export async function migrate(conn: Connection, dir = migrationsDir()): Promise<MigrationResult> {
  const migrations = await loadMigrations(dir);
  return conn.withSession(async (s) => {
    await s.query(`SELECT pg_advisory_lock($1)`, [MIGRATION_LOCK_KEY]);
    try {
      return await applyPending(s, migrations);
    } finally {
      await s.query(`SELECT pg_advisory_unlock($1)`, [MIGRATION_LOCK_KEY]);
    }
  });
}

/**
 * Migrates as the tables' owner when DATABASE_MIGRATE_URL is set (so DATABASE_URL can be a role with
 * no DDL and no UPDATE or DELETE on the audit tables), else over the application's own connection.
 */
export async function migrateConfigured(conn: Connection): Promise<MigrationResult> {
  const { DATABASE_MIGRATE_URL, DATABASE_URL } = env();
  if (!DATABASE_MIGRATE_URL) return migrate(conn);
  if (!DATABASE_URL)
    throw new Error("DATABASE_MIGRATE_URL is set, but DATABASE_URL is not: both name the same database");
  const owner = connectPostgres(DATABASE_MIGRATE_URL, 1);
  try {
    return await migrate(owner);
  } finally {
    await owner.close();
  }
}
