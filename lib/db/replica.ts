import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { db } from "./client";
import { connectPostgres, type Connection } from "./connection";

/**
 * Where a read went while a replica is configured (DATABASE_REPLICA_URL): the replica and how far behind it
 * is, or the primary and why not the replica. Null when no replica is configured: every read is the primary's.
 */
export type ReadSource =
  | { from: "replica"; lagSeconds: number }
  | { from: "primary"; replica: "unreachable" | "behind"; lagSeconds: number | null };

export type Reads = { db: PrismaClient; readSource: ReadSource | null };

/** A measured lag serves this long before the heartbeat is read again. */
const PROBE_FRESH_MS = 1_000;
/** A replica that could not be reached is not asked again for this long: pages fall back at once meanwhile. */
const DOWN_FOR_MS = 5_000;
/** Connecting to the replica, and reading its heartbeat, gives up after this long. */
const TIMEOUT_MS = 2_000;
const POOL_SIZE = 4;

type Replica = {
  conn: Connection;
  maxLagSeconds: number;
  probe?: { until: number; result: Promise<ReadSource> };
};

// One replica connection per process, shared by every bundle, like the primary's (client.ts).
const holder = globalThis as typeof globalThis & { __wardenReplica?: Replica | null };

/** The replica's connection, read-only at the session level: even a writable (logical) replica takes no write. */
export function connectReplica(url: string): Connection {
  return connectPostgres(url, POOL_SIZE, {
    connectionTimeoutMillis: TIMEOUT_MS,
    options: "-c default_transaction_read_only=on",
  });
}

function replica(): Replica | null {
  if (holder.__wardenReplica === undefined) {
    const { DATABASE_REPLICA_URL: url, DATABASE_REPLICA_MAX_LAG_SECONDS: maxLagSeconds } = env();
    holder.__wardenReplica = url ? { conn: connectReplica(url), maxLagSeconds } : null;
  }
  return holder.__wardenReplica;
}

/** Tests install a replica (or none, with null) as they install the primary with useConnection. */
export function useReplica(conn: Connection | null, maxLagSeconds = env().DATABASE_REPLICA_MAX_LAG_SECONDS): void {
  holder.__wardenReplica = conn ? { conn, maxLagSeconds } : null;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * The replica's lag: the age of the last heartbeat the primary stamped that the replica has replayed
 * (lib/db/replica-heartbeat.ts), by the primary's own clock, so a replica whose clock runs slow cannot look
 * fresh. No heartbeat, or one older than the limit, sends reads to the primary.
 */
async function measure(r: Replica): Promise<ReadSource> {
  try {
    const rows = await withTimeout(
      r.conn.prisma.$queryRaw<{ at: number }[]>`
        SELECT EXTRACT(EPOCH FROM "beatAt")::float8 AS at FROM "ReplicaHeartbeat" WHERE id = 1`,
      TIMEOUT_MS,
    );
    if (rows.length === 0) return { from: "primary", replica: "behind", lagSeconds: null };
    const [primary] = await db().$queryRaw<
      { now: number }[]
    >`SELECT EXTRACT(EPOCH FROM clock_timestamp())::float8 AS now`;
    const lag = Math.max(0, Number(primary.now) - Number(rows[0].at));
    const lagSeconds = Math.round(lag);
    return lag > r.maxLagSeconds ? { from: "primary", replica: "behind", lagSeconds } : { from: "replica", lagSeconds };
  } catch (error) {
    console.error("Read replica unreachable, reading from the primary:", (error as Error).message);
    return { from: "primary", replica: "unreachable", lagSeconds: null };
  }
}

function readSource(r: Replica): Promise<ReadSource> {
  if (r.probe && Date.now() < r.probe.until) return r.probe.result;
  const result = measure(r);
  const probe = { until: Date.now() + PROBE_FRESH_MS, result };
  r.probe = probe;
  void result.then((s) => {
    if (s.from === "primary" && s.replica === "unreachable") probe.until = Date.now() + DOWN_FOR_MS;
  });
  return result;
}

/**
 * The client for reads that may be a few seconds old (the dashboard, the audit explorer, audit exports): the
 * replica's while its heartbeat is fresh, else the primary's. Never for a write, an authorization check, or
 * a read a write depends on: those use db().
 */
export async function readDb(): Promise<Reads> {
  const r = replica();
  if (!r) return { db: db(), readSource: null };
  const source = await readSource(r);
  return { db: source.from === "replica" ? r.conn.prisma : db(), readSource: source };
}

/**
 * Runs `read` through readDb(); when the replica fails during it (a lost connection, a migration not yet
 * replayed), runs it again on the primary and says so: a replica that goes down never fails a page.
 */
export async function readThrough<T>(
  read: (p: PrismaClient) => Promise<T>,
): Promise<{ value: T; readSource: ReadSource | null }> {
  const reads = await readDb();
  if (reads.readSource?.from !== "replica") return { value: await read(reads.db), readSource: reads.readSource };
  try {
    return { value: await read(reads.db), readSource: reads.readSource };
  } catch (error) {
    if (error instanceof AppError) throw error;
    console.error("Read replica failed during a read, reading from the primary:", (error as Error).message);
    const down: ReadSource = { from: "primary", replica: "unreachable", lagSeconds: null };
    const r = replica();
    if (r) r.probe = { until: Date.now() + DOWN_FOR_MS, result: Promise.resolve(down) };
    return { value: await read(db()), readSource: down };
  }
}
