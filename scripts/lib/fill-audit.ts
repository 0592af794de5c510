import { recordAudit, type AuditInput } from "@/lib/audit/record-audit";
import { wireMethod } from "@/lib/audit/catalog";
import { db } from "@/lib/db/client";
import type { SimEvent } from "@/lib/simulator/traffic";

/** A simulated gateway call as the tool-call record Warden's audit path writes for it. */
function toAuditInput(e: SimEvent): AuditInput {
  return {
    actor: { type: "AGENT", id: null, label: e.agent },
    category: "TOOL_CALL",
    action: wireMethod(e.method),
    outcome: e.outcome,
    occurredAt: new Date(e.timestamp),
    call: {
      eventId: e.eventId,
      server: e.server,
      tool: e.tool,
      agent: e.agent,
      onBehalfOf: e.onBehalfOf ?? null,
      sessionId: e.sessionId,
    },
    attributes: {
      arguments: e.arguments,
      recordsReturned: e.recordsReturned,
      latencyMs: e.latencyMs,
      traceId: e.traceId,
    },
  } as AuditInput;
}

/**
 * Appends up to `count` of `events` through Warden's own audit path (redaction, canonical JSON, hash
 * chain), 5,000 per transaction. Returns how many it appended.
 */
export async function fillAudit(events: Iterable<SimEvent>, count: number) {
  let batch: AuditInput[] = [];
  let filled = 0;
  const flush = async () => {
    const inputs = batch;
    batch = [];
    await db().$transaction((tx) => recordAudit(tx, inputs), { timeout: 120_000 });
    filled += inputs.length;
    if (filled % 100_000 === 0) console.log(`  ${filled} records…`);
  };
  for (const e of events) {
    if (filled + batch.length >= count) break;
    batch.push(toAuditInput(e));
    if (batch.length === 5000) await flush();
  }
  if (batch.length) await flush();
  return filled;
}

/** Runs fn, sampling this process's RSS every 20 ms: seconds taken and the peak RSS in MB. */
export async function measured<T>(fn: () => Promise<T>) {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  const result = await fn();
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { result, seconds, beforeMb: before / 2 ** 20, peakMb: peak / 2 ** 20 };
}
