import type { Connection } from "@/lib/db/connection";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ChainRecord } from "./chain";

/** A stored audit row: the hashed fields and its two links. */
export type ChainRow = ChainRecord & { prevHash: string; hash: string };

/** Rows per fetch: large enough to keep round trips rare, small enough that memory stays flat. */
export const CHAIN_BATCH = 5000;

// Every column as text, in this order; the JSON documents are parsed here, the instant kept to the millisecond.
const SELECT = `SELECT sequence::text, "prevHash", hash, id::text,
  to_char("occurredAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), "actorType"::text, "actorId", "actorLabel",
  category, action, "targetType", "targetId", outcome, before::text, after::text, attributes::text,
  "eventId", server, tool, agent, "onBehalfOf", "sessionId", "userSource" FROM "AuditEvent"`;

const parse = (v: unknown) => (v === null ? null : JSON.parse(v as string));

function toRow(c: unknown[]): ChainRow {
  return {
    sequence: BigInt(c[0] as string),
    prevHash: c[1] as string,
    hash: c[2] as string,
    id: c[3] as string,
    occurredAt: new Date(c[4] as string),
    actorType: c[5] as ChainRow["actorType"],
    actorId: c[6] as string | null,
    actorLabel: c[7] as string,
    category: c[8] as string,
    action: c[9] as string,
    targetType: c[10] as string | null,
    targetId: c[11] as string | null,
    outcome: c[12] as string,
    before: parse(c[13]),
    after: parse(c[14]),
    attributes: parse(c[15]),
    eventId: c[16] as string | null,
    server: c[17] as string | null,
    tool: c[18] as string | null,
    agent: c[19] as string | null,
    onBehalfOf: c[20] as string | null,
    sessionId: c[21] as string | null,
    userSource: c[22] as string | null,
  };
}

/**
 * The rows after `after`, in sequence order, a batch at a time: memory stays flat whatever the log's size.
 * On PostgreSQL through one server-side cursor (one snapshot, the next batch fetched while this one is
 * checked); elsewhere (PGlite, a single connection that other work shares) by pages of the primary key.
 */
export async function* streamChainRows(
  prisma: PrismaClient,
  conn: Connection | undefined,
  after: bigint,
  batch = CHAIN_BATCH,
): AsyncGenerator<ChainRow[]> {
  const where = `WHERE sequence > ${BigInt(after)} ORDER BY "AuditEvent".sequence`;
  if (conn?.cursor && conn.prisma === prisma) {
    for await (const rows of conn.cursor(`${SELECT} ${where}`, batch)) yield rows.map(toRow);
    return;
  }
  let from = BigInt(after);
  for (;;) {
    const page = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(
      `${SELECT} WHERE sequence > $1::bigint ORDER BY "AuditEvent".sequence LIMIT ${batch}`,
      from.toString(),
    );
    if (page.length) yield page.map((r) => toRow(Object.values(r)));
    if (page.length < batch) return;
    from = BigInt(page[page.length - 1].sequence as string);
  }
}

/** The same rows, all read into memory first (the reference the streamed verification is tested against). */
export async function* memoryChainRows(prisma: PrismaClient, after: bigint): AsyncGenerator<ChainRow[]> {
  const all: ChainRow[] = [];
  for await (const page of streamChainRows(prisma, undefined, after)) all.push(...page);
  yield all;
}

/** The one row at `sequence`, or null. */
export async function chainRowAt(prisma: PrismaClient, sequence: bigint): Promise<ChainRow | null> {
  const [row] = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(
    `${SELECT} WHERE sequence = $1::bigint`,
    sequence.toString(),
  );
  return row ? toRow(Object.values(row)) : null;
}
