import type { AuditActor } from "@/lib/authz/actor";
import type { IngestError } from "@/lib/ingest/parse-batch";
import type { FindingInput } from "./finding-input";

const MAX_REASONS = 5;
const MAX_IDS = 10;

/**
 * Events a sender's batch carried that ingest refused: one finding per sender (open until triaged, counted
 * on each batch), with counts by field, the first distinct reasons and event ids, never the refused values.
 * A gateway keeps such events and offers them again; the finding is how an operator hears of them.
 */
export function ingestRejectionFinding(rejected: IngestError[], sender: AuditActor): FindingInput | null {
  if (rejected.length === 0) return null;
  const events = new Set(rejected.map((r) => r.index));
  const byField: Record<string, number> = {};
  const reasons = new Set<string>();
  const eventIds = new Set<string>();
  for (const r of rejected) {
    // The top-level field only: deeper paths are made of the sender's own keys.
    const field = (r.field.split(".")[0] || "event").slice(0, 60);
    byField[field] = (byField[field] ?? 0) + 1;
    if (reasons.size < MAX_REASONS) reasons.add(`${field}: ${r.message.slice(0, 200)}`);
    if (r.eventId && eventIds.size < MAX_IDS) eventIds.add(r.eventId.slice(0, 80));
  }
  return {
    type: "ingest_rejected",
    severity: "HIGH",
    entityType: sender.type === "TOKEN" ? "ApiToken" : sender.type === "USER" ? "User" : "System",
    entityKey: sender.label,
    title: `Audit events from ${sender.label} were refused at ingest and are not in the audit log`,
    // Not "eventIds": the console links those to the audit log, where refused events are not.
    evidence: { events: events.size, byField, reasons: [...reasons], refusedEventIds: [...eventIds] },
  };
}
