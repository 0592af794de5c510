import { mkdirSync } from "node:fs";
import { env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { connectPglite, connectPostgres, type Connection } from "./connection";
import type { Sql } from "./sql";

// One connection per process, shared by every bundle (instrumentation, route handlers, scripts):
// two PGlite instances on one data folder would corrupt it.
const holder = globalThis as typeof globalThis & { __wardenConnection?: Connection };

function open(): Connection {
  const { DATABASE_URL, PGLITE_DIR } = env();
  if (DATABASE_URL) return connectPostgres(DATABASE_URL);
  if (PGLITE_DIR !== "memory://") mkdirSync(PGLITE_DIR, { recursive: true });
  return connectPglite(PGLITE_DIR);
}

export function connection(): Connection {
  holder.__wardenConnection ??= open();
  return holder.__wardenConnection;
}

export function db(): PrismaClient {
  return connection().prisma;
}

/** A transaction in plain SQL on the driver, for a hot path (see Connection.transaction). */
export function sqlTransaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
  return connection().transaction(fn);
}

/** Tests and scripts install their own connection (e.g. a fresh in-memory database). */
export function useConnection(conn: Connection): void {
  holder.__wardenConnection = conn;
}

export async function closeConnection(): Promise<void> {
  const conn = holder.__wardenConnection;
  holder.__wardenConnection = undefined;
  await conn?.close();
}
