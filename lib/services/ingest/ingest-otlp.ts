import { assertCan, type Actor } from "@/lib/authz/actor";
import { AppError } from "@/lib/errors";
import { validateEvents } from "@/lib/ingest/parse-batch";
import { decodeOtlp, type Signal } from "@/lib/otlp/decode";
import { otlpToEvents } from "@/lib/otlp/to-ingest-events";
import { INGEST_LIMITS } from "@/lib/schemas/ingest";
import { ingestEvents } from "./ingest-events";

/**
 * An OTLP/HTTP export (traces or logs): MCP spans and records become audit events through the same
 * ingest as every gateway batch. Valid ones are stored; invalid ones are reported back as OTLP partial
 * success (rejected, with the first reasons), as the protocol expects; spans that are not MCP calls are skipped.
 */
export async function ingestOtlp(actor: Actor, signal: Signal, input: { body: Uint8Array; contentType: string }) {
  assertCan(actor, "audit.ingest");
  const { body } = input;
  if (body.byteLength > INGEST_LIMITS.maxBytes)
    throw new AppError("PAYLOAD_TOO_LARGE", `An export request is limited to ${INGEST_LIMITS.maxBytes} bytes`);
  const { events: raw, skipped } = otlpToEvents(signal, decodeOtlp(signal, body, input.contentType));
  if (raw.length > INGEST_LIMITS.maxEvents)
    throw new AppError("PAYLOAD_TOO_LARGE", `A batch is limited to ${INGEST_LIMITS.maxEvents} events`);
  const { events, errors } = validateEvents(raw);
  const reasons = new Map<number, string[]>();
  for (const e of errors)
    reasons.set(e.index, [...(reasons.get(e.index) ?? []), `${e.field || "event"}: ${e.message}`]);
  // Valid ones are stored; the refused ones raise the same finding as a gateway batch's.
  const stored = await ingestEvents(actor, events, errors);
  const first = [...reasons.values()].slice(0, 3).map((r) => r.join("; "));
  return { ...stored, rejected: reasons.size, skipped, errorMessage: first.join(" | ") };
}
