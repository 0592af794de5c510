import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db/tx";
import type { ActorType } from "@/lib/generated/prisma/enums";
import { GENESIS_HASH, hashRecord, type ChainRecord } from "./chain";
import { redact } from "./redact";

// Serialises appends across every connection and process, so the chain never forks.
const AUDIT_CHAIN_LOCK = 7_305_112_002;

export type AuditActor = { type: ActorType; id: string | null; label: string };

export type AuditInput = {
  actor: AuditActor;
  category: "AUTH" | "ADMIN" | "TOOL_CALL" | "DECISION" | "APPROVAL";
  action: string;
  target?: { type: string; id: string };
  outcome?: string;
  before?: unknown;
  after?: unknown;
  attributes?: Record<string, unknown>;
  occurredAt?: Date;
  /** The indexed columns of an ingested call (explorer filters). */
  call?: { eventId: string; server: string | null; tool: string | null; agent: string | null; onBehalfOf: string | null; sessionId: string | null };
};

const json = (v: unknown) => (v === undefined || v === null ? null : redact(v));

/** Takes the chain's lock until the transaction ends (re-entrant within it). */
export async function lockChain(tx: Tx) {
  await tx.$executeRawUnsafe(`SELECT 1 FROM (SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})) AS l`);
}

/** Appends records to the hash chain inside the caller's transaction; they commit or roll back with it. */
export async function recordAudit(tx: Tx, inputs: AuditInput | AuditInput[]): Promise<ChainRecord[]> {
  const list = Array.isArray(inputs) ? inputs : [inputs];
  if (list.length === 0) return [];
  await lockChain(tx);
  // Read only after the lock is held (a statement of its own), so it sees every committed append.
  const [head] = await tx.$queryRaw<{ sequence: bigint; hash: string }[]>`SELECT sequence, hash FROM "AuditEvent" ORDER BY sequence DESC LIMIT 1`;
  let sequence = head ? BigInt(head.sequence) : 0n;
  let prevHash = head?.hash ?? GENESIS_HASH;
  const records: ChainRecord[] = [];
  const rows: object[] = [];
  for (const input of list) {
    sequence += 1n;
    const record: ChainRecord = {
      sequence,
      id: randomUUID(),
      occurredAt: input.occurredAt ?? new Date(),
      actorType: input.actor.type,
      actorId: input.actor.id,
      actorLabel: input.actor.label,
      category: input.category,
      action: input.action,
      targetType: input.target?.type ?? null,
      targetId: input.target?.id ?? null,
      outcome: input.outcome ?? "success",
      before: json(input.before),
      after: json(input.after),
      attributes: json(input.attributes),
      ...input.call,
    };
    const hash = hashRecord(prevHash, record);
    records.push(record);
    // The row is the record itself (absent call fields become NULL), plus its links.
    rows.push({ ...record, sequence: sequence.toString(), prevHash, hash });
    prevHash = hash;
  }
  await insertRows(tx, rows);
  return records;
}

/**
 * One INSERT … SELECT FROM json_populate_recordset for the whole batch: a single parameter whatever
 * its size, and none of an ORM's per-row work. Ingest writes thousands of rows per transaction here.
 * (JSON rather than array parameters: the driver adapters do not send arrays as PostgreSQL arrays.)
 */
async function insertRows(tx: Tx, rows: object[]) {
  await tx.$executeRawUnsafe(
    `INSERT INTO "AuditEvent" (${COLUMNS}) SELECT ${COLUMNS} FROM json_populate_recordset(NULL::"AuditEvent", $1::json)`,
    JSON.stringify(rows),
  );
}

const COLUMNS = [
  "sequence", "prevHash", "hash", "id", "occurredAt", "actorType", "actorId", "actorLabel", "category", "action", "targetType", "targetId",
  "outcome", "before", "after", "attributes", "eventId", "server", "tool", "agent", "onBehalfOf", "sessionId",
].map((c) => `"${c}"`).join(", ");
