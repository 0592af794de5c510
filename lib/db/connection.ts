import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/lib/generated/prisma/client";
import type { Sql } from "./sql";

/** A raw SQL session, used by the migration runner and maintenance scripts (never by features). */
export type SqlSession = {
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
};

export type Connection = {
  prisma: PrismaClient;
  kind: "pglite" | "postgres";
  /** Runs fn on one dedicated connection, so session-level locks and transactions hold. */
  withSession<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  /**
   * Runs fn in one transaction on the driver (no Prisma): committed when fn resolves, rolled back when it
   * throws. PGlite: its exclusive transaction, which Prisma's queries wait for as they wait for each other's.
   */
  transaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  /**
   * Calls `onNotify` for each NOTIFY on `channel` (delivered at the sender's commit), until the returned
   * function stops it. PostgreSQL: one dedicated connection, re-opened after a loss (`onNotify` is called
   * then too, since a change may have been missed). PGlite: its in-process notifications.
   */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  /**
   * PostgreSQL only: a read-only query's rows (as arrays of column values), `batch` at a time, through a
   * server-side cursor on one snapshot, fetching the next batch while the caller works on this one.
   */
  cursor?(sql: string, batch: number): AsyncGenerator<unknown[][]>;
  close(): Promise<void>;
};

/** `dir` is a PGlite data folder; "memory://" keeps the database in memory (tests). */
export function connectPglite(dir: string): Connection {
  const lite = new PGlite(dir);
  const session: SqlSession = {
    exec: async (sql) => void (await lite.exec(sql)),
    query: async <T>(sql: string, params?: unknown[]) => (await lite.query<T>(sql, params)).rows,
  };
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(lite) });
  return {
    prisma,
    kind: "pglite",
    withSession: (fn) => fn(session),
    transaction: (fn) =>
      lite.transaction((tx) =>
        fn({ query: async <T>(sql: string, params?: unknown[]) => (await tx.query<T>(sql, params)).rows }),
      ),
    listen: (channel, onNotify) => lite.listen(channel, () => onNotify()),
    close: async () => {
      await prisma.$disconnect();
      await lite.close();
    },
  };
}

/** `options`: more pool settings (the read replica's connect timeout, so a replica that is down answers fast). */
export function connectPostgres(url: string, max = 10, options: pg.PoolConfig = {}): Connection {
  const pool = new pg.Pool({ ...options, connectionString: url, max });
  // An idle connection the server drops (restart, failover, DROP DATABASE) must not crash the process.
  pool.on("error", (error) => console.error("PostgreSQL connection lost:", error.message));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const listening = new Set<() => Promise<void>>();
  return {
    prisma,
    kind: "postgres",
    withSession: async (fn) => {
      const client = await pool.connect();
      try {
        return await fn({
          exec: async (sql) => void (await client.query(sql)),
          query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
        });
      } finally {
        client.release();
      }
    },
    transaction: async (fn) => {
      const client = await pool.connect();
      const sql: Sql = {
        query: async <T>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[],
      };
      // Back to the pool only in a known state (its transaction ended); otherwise the pool closes it.
      let clean = false;
      try {
        // Bounded like Prisma's interactive transactions (60 s): a hung statement, or a process stalled
        // between statements while it holds the audit chain's lock, is cut off by the server.
        await client.query(
          "BEGIN; SET LOCAL statement_timeout = '60s'; SET LOCAL idle_in_transaction_session_timeout = '60s'",
        );
        let result: Awaited<ReturnType<typeof fn>>;
        try {
          result = await fn(sql);
        } catch (error) {
          await client.query("ROLLBACK").then(
            () => (clean = true),
            () => undefined,
          );
          throw error;
        }
        // A transaction a failed statement aborted (its error caught inside fn) answers COMMIT with ROLLBACK.
        const committed = await client.query("COMMIT");
        clean = true;
        if (committed.command === "ROLLBACK")
          throw new Error("The transaction was rolled back: a statement in it failed");
        return result;
      } finally {
        client.release(!clean);
      }
    },
    listen: async (channel, onNotify) => {
      const stop = await listenPostgres(url, channel, onNotify);
      listening.add(stop);
      return async () => {
        listening.delete(stop);
        await stop();
      };
    },
    cursor: async function* (sql, batch) {
      const client = await pool.connect();
      const fetch = () => client.query({ text: `FETCH ${batch} FROM warden_cursor`, rowMode: "array" });
      let pending: ReturnType<typeof fetch> | null = null;
      try {
        await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        await client.query(`DECLARE warden_cursor NO SCROLL CURSOR FOR ${sql}`);
        pending = fetch();
        while (pending) {
          const rows: unknown[][] = (await pending).rows;
          pending = rows.length === batch ? fetch() : null;
          if (rows.length) yield rows;
        }
      } finally {
        // Also when the caller stops early: the connection goes back to the pool with no transaction open.
        await pending?.catch(() => undefined);
        await client.query("ROLLBACK").catch(() => undefined);
        client.release();
      }
    },
    close: async () => {
      await Promise.all([...listening].map((stop) => stop()));
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

const RECONNECT_MS = 1000;

/** A LISTEN session outside the pool (a pooled connection would be handed to queries), kept open until stopped. */
async function listenPostgres(url: string, channel: string, onNotify: () => void): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Unsafe channel name: ${channel}`);
  let stopped = false;
  let client: pg.Client | undefined;
  const open = async (): Promise<void> => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: url });
    const retry = () => {
      if (client !== c) return;
      client = undefined;
      c.end().catch(() => {});
      if (!stopped) setTimeout(() => void open().then(onNotify), RECONNECT_MS).unref();
    };
    c.on("error", retry);
    c.on("end", retry);
    c.on("notification", (n) => n.channel === channel && onNotify());
    client = c;
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
    } catch (error) {
      console.error(`LISTEN ${channel} failed:`, (error as Error).message);
      retry();
    }
  };
  await open();
  return async () => {
    stopped = true;
    const c = client;
    client = undefined;
    await c?.end().catch(() => {});
  };
}
