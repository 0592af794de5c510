import { randomUUID } from "node:crypto";
import { asSql, type Sql } from "@/lib/db/sql";
import type { Tx } from "@/lib/db/tx";
import type { AuditActor } from "@/lib/authz/actor";
import type { AuditCategory } from "@/lib/schemas/audit-category";
import type { Outcome } from "@/lib/schemas/outcome";
import { AUDIT_COLUMNS, bodyAt, GENESIS_HASH, prepareBody, type ChainRecord, type PreparedBody } from "./chain";
import { sha256Hex } from "@/lib/crypto/sha256";
import { auditIdentifier } from "./audit-identifier";
import type { DataOf } from "./action-data";
import type { AuditAction } from "./catalog";
import { knownSecretPattern, maskKnown, redact, redactText, type KnownSecrets } from "@/lib/redaction/redact";

// Serialises appends across every connection and process, so the chain never forks.
const AUDIT_CHAIN_LOCK = 7_305_112_002;

/** One record to append; `A` narrows `attributes` to the action's data where the catalog pins it (see ActionData). */
export type AuditInput<A extends AuditAction = AuditAction> = {
  actor: AuditActor;
  category: AuditCategory;
  /** From the catalog (lib/audit/catalog.ts); an ingested call's MCP method is marked with `wireMethod`. */
  action: A;
  target?: { type: string; id: string };
  /** "success" when left out. */
  outcome?: Outcome;
  before?: unknown;
  after?: unknown;
  attributes?: DataOf<A>;
  occurredAt?: Date;
  /** The indexed columns of a call, ingested or decided (explorer filters); decisions have no eventId. */
  call?: {
    eventId?: string | null;
    server: string | null;
    tool: string | null;
    agent: string | null;
    onBehalfOf: string | null;
    /** how onBehalfOf was known (lib/schemas/user-source.ts) */
    userSource?: string | null;
    sessionId: string | null;
  };
};

const json = (v: unknown, known: KnownSecrets) => (v === undefined || v === null ? null : redact(v, [], known));
const text = <T extends string | null | undefined>(v: T, known: KnownSecrets): T =>
  typeof v === "string" ? (redactText(v, known) as T) : v;

/** Takes the chain's lock until the transaction ends (re-entrant within it). */
export async function lockChain(tx: Tx | Sql) {
  await asSql(tx).query(`SELECT 1 FROM (SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})) AS l`);
}

/** A record made ready outside the chain lock: redacted, serialised once, its canonical JSON split around the sequence. */
export type PreparedAudit = { record: Omit<ChainRecord, "sequence">; body: PreparedBody };

/**
 * Everything about a record that does not depend on its place in the chain. Pure; no lock needed.
 * Every string of the record passes through the one redaction module here, before it is hashed: the
 * JSON documents (keys and values), the actor's label, the action and target, and the call columns;
 * the identifier columns are replaced by a keyed hash where they hold a secret (see auditIdentifier).
 */
export function prepareAudit(inputs: AuditInput[]): PreparedAudit[] {
  return inputs.map((input) => {
    const call = input.call;
    const known: KnownSecrets = new Set();
    const first = {
      actorId: text(input.actor.id, known),
      actorLabel: text(input.actor.label, known),
      action: text(input.action, known),
      targetType: text(input.target?.type ?? null, known),
      targetId: text(input.target?.id ?? null, known),
      outcome: text(input.outcome ?? "success", known),
      before: json(input.before, known),
      after: json(input.after, known),
      attributes: json(input.attributes, known),
      ...(call && {
        server: text(call.server, known),
        tool: text(call.tool, known),
        agent: text(call.agent, known),
        onBehalfOf: text(call.onBehalfOf, known),
      }),
    };
    // A secret found in one field is masked in every other field of the record (see KnownSecrets).
    const pattern = knownSecretPattern(known);
    const record: Omit<ChainRecord, "sequence"> = {
      id: randomUUID(),
      occurredAt: input.occurredAt ?? new Date(),
      actorType: input.actor.type,
      category: input.category,
      ...maskKnown(first, pattern),
      ...(call && {
        ...(call.eventId !== undefined && { eventId: auditIdentifier(call.eventId, pattern) }),
        ...(call.userSource != null && { userSource: call.userSource }),
        sessionId: auditIdentifier(call.sessionId, pattern),
      }),
    };
    return { record, body: prepareBody(record) };
  });
}

/** Appends records to the hash chain inside the caller's transaction; they commit or roll back with it. */
export async function recordAudit<A extends AuditAction>(
  tx: Tx,
  inputs: AuditInput<A> | AuditInput<A>[],
): Promise<ChainRecord[]> {
  return appendPrepared(tx, prepareAudit(Array.isArray(inputs) ? inputs : [inputs]));
}

/** The chain's last link, and the time the next records are recorded at; read it only once the chain lock is held. */
export type ChainHead = { sequence: bigint; hash: string; at: string; newMonth: boolean };

/**
 * The newest record's sequence and hash (as text: PGlite, pg and Prisma parse bigint apart), and the time the
 * next records are recorded at: the database's clock, never before the head's, so each month's partition holds
 * one unbroken run of sequence numbers whatever the clock does; `newMonth` when that time opens a month. Always
 * exactly one row.
 */
export const CHAIN_HEAD_SQL = `SELECT h.sequence::text AS sequence, h.hash, n.at::text AS at,
       h.sequence IS NULL OR date_trunc('month', n.at AT TIME ZONE 'UTC')
         <> date_trunc('month', h."recordedAt" AT TIME ZONE 'UTC') AS "newMonth"
     FROM (SELECT 1) AS one
     LEFT JOIN LATERAL (SELECT sequence, hash, "recordedAt" FROM "AuditEvent" ORDER BY "AuditEvent".sequence DESC LIMIT 1) AS h ON true
     CROSS JOIN LATERAL (SELECT GREATEST(date_trunc('milliseconds', clock_timestamp()), h."recordedAt") AS at) AS n`;

export type ChainHeadRow = { sequence: string | null; hash: string | null; at: string; newMonth: boolean };

export const chainHead = (row: ChainHeadRow): ChainHead => ({
  sequence: row.sequence === null ? 0n : BigInt(row.sequence),
  hash: row.hash ?? GENESIS_HASH,
  at: row.at,
  newMonth: row.newMonth,
});

/**
 * Links prepared records onto the chain head, under the chain lock, and inserts them. A caller that
 * already holds the lock and read the head (ingest, together with its duplicate check) passes it.
 */
export async function appendPrepared(
  tx: Tx | Sql,
  prepared: PreparedAudit[],
  knownHead?: ChainHead,
): Promise<ChainRecord[]> {
  if (prepared.length === 0) return [];
  const sql = asSql(tx);
  let head = knownHead;
  if (!head) {
    await lockChain(sql);
    // Read only after the lock is held (a statement of its own), so it sees every committed append.
    head = chainHead((await sql.query<ChainHeadRow>(CHAIN_HEAD_SQL))[0]);
  }
  let sequence = head.sequence;
  let prevHash = head.hash;
  const records: ChainRecord[] = [];
  const rows: string[] = [];
  // One pass: the canonical JSON that is hashed is also the stored row (its keys are the columns; absent
  // call fields insert as NULL), with the two links in front.
  for (const p of prepared) {
    sequence += 1n;
    const body = bodyAt(p.body, sequence);
    const hash = sha256Hex(prevHash, body);
    records.push({ ...p.record, sequence });
    rows.push(`{"prevHash":"${prevHash}","hash":"${hash}",${body.slice(1)}`);
    prevHash = hash;
  }
  // The first record of a month makes sure its partition is there (the maintenance job made it ahead of time).
  if (head.newMonth) await sql.query(`SELECT warden_audit_partition($1::timestamptz)::text AS name`, [head.at]);
  await insertRows(sql, rows, head.at);
  return records;
}

/**
 * One INSERT … SELECT FROM json_populate_recordset for the whole batch: a single parameter whatever
 * its size, and none of an ORM's per-row work. Ingest writes thousands of rows per transaction here.
 * (JSON rather than array parameters: the driver adapters do not send arrays as PostgreSQL arrays.)
 * The keys that stay unique across partitions go to AuditEventKey in the same statement: a repeated
 * id or eventId fails the whole append.
 */
async function insertRows(sql: Sql, rows: string[], at: string) {
  await sql.query(
    `WITH batch AS (SELECT ${COLUMNS} FROM json_populate_recordset(NULL::"AuditEvent", $1::json)),
       keys AS (INSERT INTO "AuditEventKey" (id, "eventId", sequence) SELECT id, "eventId", sequence FROM batch)
     INSERT INTO "AuditEvent" (${COLUMNS}, "recordedAt") SELECT ${COLUMNS}, $2::timestamptz FROM batch`,
    [`[${rows.join(",")}]`, at],
  );
}

const COLUMNS = AUDIT_COLUMNS.map((c) => `"${c}"`).join(", ");
