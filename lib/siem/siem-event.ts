import type { AuditCheckpoint, AuditEvent } from "@/lib/generated/prisma/client";

/** What a SIEM receives for one audit event; eventId is stable across retries, so a SIEM can de-duplicate. */
export type SiemEvent = {
  type: "audit" | "checkpoint";
  eventId: string;
  sequence: string;
  occurredAt: string;
  category: string;
  action: string;
  outcome: string;
  actor: string;
  actorType: string;
  onBehalfOf: string | null;
  server: string | null;
  tool: string | null;
  agent: string | null;
  sessionId: string | null;
  target: string | null;
  attributes: unknown;
  hash: string;
};

export function siemEvent(e: AuditEvent): SiemEvent {
  return {
    type: "audit",
    // An ingested call keeps the gateway's idempotency key; anything else its audit id.
    eventId: e.eventId ?? e.id,
    sequence: e.sequence.toString(),
    occurredAt: e.occurredAt.toISOString(),
    category: e.category,
    action: e.action,
    outcome: e.outcome,
    actor: e.actorLabel,
    actorType: e.actorType,
    onBehalfOf: e.onBehalfOf,
    server: e.server,
    tool: e.tool,
    agent: e.agent,
    sessionId: e.sessionId,
    target: e.targetType ? `${e.targetType}:${e.targetId}` : null,
    attributes: e.attributes,
    hash: e.hash,
  };
}

/** A signed checkpoint forwarded alongside the events it covers, so the SIEM can hold Warden to it. */
export function siemCheckpoint(cp: AuditCheckpoint): SiemEvent {
  return {
    type: "checkpoint",
    eventId: `checkpoint-${cp.id}`,
    sequence: cp.sequence.toString(),
    occurredAt: cp.createdAt.toISOString(),
    category: "CHECKPOINT",
    action: "audit.checkpoint",
    outcome: "success",
    actor: "warden",
    actorType: "SYSTEM",
    onBehalfOf: null,
    server: null,
    tool: null,
    agent: null,
    sessionId: null,
    target: null,
    attributes: { keyId: cp.keyId, signature: cp.signature, message: `warden-checkpoint:v1:${cp.sequence}:${cp.hash}` },
    hash: cp.hash,
  };
}
