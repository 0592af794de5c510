import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Tx } from "./tx";

/**
 * Plain SQL with `$n` parameters, on the driver itself: a hot path's transaction (ingest) runs here, so its
 * large JSON parameters reach the socket as they are, with none of an ORM's copying. Results come as the
 * driver parses them; cast a column to text, int or float8 in the SQL where its JavaScript type matters
 * (bigint and numeric parse differently on pg, PGlite and Prisma).
 */
export type Sql = {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
};

/** The same statements through Prisma's raw queries, for code that shares them with a Prisma transaction. */
export function prismaSql(client: Tx | PrismaClient): Sql {
  return { query: <T>(sql: string, params: unknown[] = []) => client.$queryRawUnsafe<T[]>(sql, ...params) };
}

/** `Sql` as it is, or a Prisma client or transaction as `Sql`. */
export const asSql = (client: Tx | PrismaClient | Sql): Sql =>
  "$queryRawUnsafe" in client ? prismaSql(client) : client;
