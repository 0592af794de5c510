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

const INDEXED = ["eventId", "server", "tool", "agent", "onBehalfOf", "sessionId", "userSource"] as const;

/**
 * A record's canonical JSON, split around its sequence: the one field known only once the chain lock
 * is held. Everything else (redaction, serialisation) can be done before taking it.
 */
export type PreparedBody = { head: string; tail: string };

export function prepareBody(record: Omit<ChainRecord, "sequence">): PreparedBody {
  const fields: Record<string, unknown> = {
    id: record.id,
    occurredAt: record.occurredAt,
    actorType: record.actorType,
    actorId: record.actorId,
    actorLabel: record.actorLabel,
    category: record.category,
    action: record.action,
    targetType: record.targetType,
    targetId: record.targetId,
    outcome: record.outcome,
    before: record.before,
    after: record.after,
    attributes: record.attributes,
    ...Object.fromEntries(INDEXED.filter((k) => record[k] != null).map((k) => [k, record[k]])),
  };
  // Canonical JSON sorts keys, so the members before "sequence" and those after it serialise apart.
  const below: Record<string, unknown> = {};
  const above: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) (key < "sequence" ? below : above)[key] = value;
  const head = canonicalJson(below);
  const tail = canonicalJson(above);
  return { head: head === "{}" ? "{" : `${head.slice(0, -1)},`, tail: tail === "{}" ? "}" : `,${tail.slice(1)}` };
}

export function hashPrepared(prevHash: string, body: PreparedBody, sequence: bigint): string {
  return sha256Hex(prevHash, `${body.head}"sequence":"${sequence}"${body.tail}`);
}

export function hashRecord(prevHash: string, record: ChainRecord): string {
  return hashPrepared(prevHash, prepareBody(record), record.sequence);
}
