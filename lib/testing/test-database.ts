import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe } from "vitest";
import { closeConnection, useConnection } from "@/lib/db/client";
import { connectPglite, connectPostgres, type Connection } from "@/lib/db/connection";
import { migrate } from "@/lib/db/migrate";
import { createScratchDatabase } from "@/lib/db/scratch-database";
import { env } from "@/lib/env";

export type Backend = "pglite" | "postgres";

/**
 * PGlite always; PostgreSQL too when DATABASE_URL points at a server. CI's PostgreSQL half sets
 * WARDEN_TEST_SCOPE=postgres: its PGlite half already ran every PGlite case, so only PostgreSQL runs.
 */
export const BACKENDS: Backend[] = !env().DATABASE_URL
  ? ["pglite"]
  : process.env.WARDEN_TEST_SCOPE === "postgres"
    ? ["postgres"]
    : ["pglite", "postgres"];

/** A fresh, migrated, empty database of its own; close() removes it. */
export async function openTestDatabase(backend: Backend, options: { migrate?: boolean } = {}) {
  let conn: Connection;
  let drop = async () => {};
  if (backend === "pglite") {
    conn = connectPglite("memory://");
  } else {
    const scratch = await createScratchDatabase(
      env().DATABASE_URL!,
      `warden_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`,
    );
    conn = connectPostgres(scratch.url, 8);
    drop = scratch.drop;
  }
  if (options.migrate !== false) await migrate(conn);
  return {
    conn,
    drop,
    close: async () => {
      await conn.close();
      await drop();
    },
  };
}

/** Runs the suite once per backend, each against its own fresh database installed as db(). */
export function describeWithDatabase(name: string, suite: (ctx: { backend: Backend; conn: () => Connection }) => void) {
  describe.each(BACKENDS)(`${name} [%s]`, (backend) => {
    let current: Awaited<ReturnType<typeof openTestDatabase>>;
    beforeAll(async () => {
      current = await openTestDatabase(backend);
      useConnection(current.conn);
    });
    afterAll(async () => {
      await closeConnection();
      await current.drop();
    });
    suite({ backend, conn: () => current.conn });
  });
}
