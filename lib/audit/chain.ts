import type { ActorType } from "@/lib/generated/prisma/enums";
import { canonicalJson } from "@/lib/crypto/canonical-json";
import { sha256Hex } from "@/lib/crypto/sha256";

export const GENESIS_HASH = "0".repeat(64);

/** Exactly the fields that the hash covers: everything in a row except prevHash and hash. */
export type ChainRecord = {
  sequence: bigint;
  id: string;
  occurredAt: Date;
  actorType: ActorType;
  actorId: string | null;
  actorLabel: string;
  category: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  before: unknown;
  after: unknown;
  attributes: unknown;
  /** Set on ingested calls only; hashed only when present, so earlier records keep their hashes. */
  eventId?: string | null;
  server?: string | null;
  tool?: string | null;
  agent?: string | null;
  onBehalfOf?: string | null;
  sessionId?: string | null;
  userSource?: string | null;
};

const INDEXED = new Set(["eventId", "server", "tool", "agent", "onBehalfOf", "sessionId", "userSource"]);
type Field = keyof Omit<ChainRecord, "sequence">;
const FIELDS: Field[] = [
  "id",
  "occurredAt",
  "actorType",
  "actorId",
  "actorLabel",
  "category",
  "action",
  "targetType",
  "targetId",
  "outcome",
  "before",
  "after",
  "attributes",
  "eventId",
  "server",
  "tool",
  "agent",
  "onBehalfOf",
  "sessionId",
  "userSource",
];
/** Every column of an AuditEvent row, in one order: what record-audit and the ingest benchmark's floor insert. */
export const AUDIT_COLUMNS = ["sequence", "prevHash", "hash", ...FIELDS] as const;
// Canonical JSON sorts keys, so the members before "sequence" and those after it serialise apart.
const BELOW = FIELDS.filter((k) => k < "sequence").sort();
const ABOVE = FIELDS.filter((k) => k > "sequence").sort();

/**
 * A record's canonical JSON, split around its sequence: the one field known only once the chain lock
 * is held. Everything else (redaction, serialisation) can be done before taking it.
 */
export type PreparedBody = { head: string; tail: string };

/** `"key":value` of a member, or "" when canonical JSON leaves it out (indexed columns only when set). */
function member(record: Omit<ChainRecord, "sequence">, key: Field): string {
  const value = record[key];
  if (value === undefined || (value === null && INDEXED.has(key))) return "";
  return `"${key}":${canonicalJson(value)}`;
}

export function prepareBody(record: Omit<ChainRecord, "sequence">): PreparedBody {
  let head = "{";
  for (const key of BELOW) {
    const m = member(record, key);
    if (m) head += `${m},`;
  }
  let tail = "";
  for (const key of ABOVE) {
    const m = member(record, key);
    if (m) tail += `,${m}`;
  }
  return { head, tail: `${tail}}` };
}

/** The record's canonical JSON once its sequence is known: what its hash covers. */
export const bodyAt = (body: PreparedBody, sequence: bigint) => `${body.head}"sequence":"${sequence}"${body.tail}`;

function hashPrepared(prevHash: string, body: PreparedBody, sequence: bigint): string {
  return sha256Hex(prevHash, bodyAt(body, sequence));
}

export function hashRecord(prevHash: string, record: ChainRecord): string {
  return hashPrepared(prevHash, prepareBody(record), record.sequence);
}
