import type { AuditEvent } from "@/lib/generated/prisma/client";
import { canonicalJson } from "@/lib/crypto/canonical-json";
import type { Cell } from "./csv";

/**
 * Every stored field of an audit event, so an exported row can be re-hashed and re-linked offline:
 * hash = sha256(prevHash || canonicalJson(record)), with the record's fields as listed here.
 */
export const AUDIT_COLUMNS = [
  "sequence",
  "id",
  "occurredAt",
  "category",
  "action",
  "outcome",
  "actorType",
  "actorId",
  "actorLabel",
  "targetType",
  "targetId",
  "server",
  "tool",
  "agent",
  "onBehalfOf",
  "sessionId",
  "eventId",
  "userSource",
  "before",
  "after",
  "attributes",
  "prevHash",
  "hash",
] as const;

const jsonCell = (v: unknown) => (v === null || v === undefined ? null : canonicalJson(v));

export function auditCsvRow(e: AuditEvent): Cell[] {
  return AUDIT_COLUMNS.map((c) => {
    const v = e[c];
    if (c === "before" || c === "after" || c === "attributes") return jsonCell(v);
    return v as Cell;
  });
}

/** One NDJSON line: the row as JSON, sequence as a string (it is a 64-bit integer). */
export function auditNdjsonLine(e: AuditEvent): string {
  const out: Record<string, unknown> = {};
  for (const c of AUDIT_COLUMNS) out[c] = c === "sequence" ? e.sequence.toString() : e[c];
  return `${JSON.stringify(out)}\n`;
}
