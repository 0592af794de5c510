import { createHash } from "node:crypto";
import type { ActorType } from "@/lib/generated/prisma/enums";
import { canonicalJson } from "./canonical-json";

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
};

const INDEXED = ["eventId", "server", "tool", "agent", "onBehalfOf", "sessionId"] as const;

export function hashRecord(prevHash: string, record: ChainRecord): string {
  const body = canonicalJson({
    sequence: record.sequence,
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
  });
  return createHash("sha256").update(prevHash).update(body).digest("hex");
}
