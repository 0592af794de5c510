import { AppError } from "@/lib/errors";
import { jsonProblem, textProblem } from "@/lib/schemas/safe-input";
import { INGEST_LIMITS, INGEST_TEXT_LIMITS, ZIngestEvent, type TIngestEvent } from "@/lib/schemas/ingest";
import { applyAliases } from "./otel-aliases";

/** One event ingest refused: its place in the batch, its id when it had a readable one, and why. */
export type IngestError = { index: number; eventId?: string; field: string; message: string };

/** The valid events (each with its place in the batch) and every error; `ok` when there are none. */
export type ParsedBatch = { ok: boolean; events: TIngestEvent[]; indexes: number[]; errors: IngestError[] };

function split(text: string, contentType: string): unknown[] {
  if (contentType.includes("ndjson") || contentType.includes("jsonl")) {
    return text
      .split(/\r?\n/)
      .filter((l) => l.trim())
      .map((line, index) => {
        try {
          return JSON.parse(line);
        } catch {
          throw new AppError("BAD_REQUEST", `Line ${index + 1} is not valid JSON`, { [`${index}`]: "Not valid JSON" });
        }
      });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", 'The body must be a JSON array, {"events": [...]}, or NDJSON');
  }
  if (Array.isArray(body)) return body;
  if (body && typeof body === "object" && Array.isArray((body as { events?: unknown }).events))
    return (body as { events: unknown[] }).events;
  throw new AppError("BAD_REQUEST", 'The body must be a JSON array, {"events": [...]}, or NDJSON');
}

/** Parses an untrusted batch: the valid events, and every error with its index and field. */
export function parseBatch(text: string, contentType: string): ParsedBatch {
  // A UTF-16 code unit is at most 3 bytes of UTF-8: a text that short needs no count (a megabyte batch's pass).
  if (text.length * 3 > INGEST_LIMITS.maxBytes && Buffer.byteLength(text) > INGEST_LIMITS.maxBytes)
    throw new AppError("PAYLOAD_TOO_LARGE", `A batch is limited to ${INGEST_LIMITS.maxBytes} bytes`);
  const raw = split(text, contentType);
  if (raw.length > INGEST_LIMITS.maxEvents)
    throw new AppError("PAYLOAD_TOO_LARGE", `A batch is limited to ${INGEST_LIMITS.maxEvents} events`);
  if (raw.length === 0) throw new AppError("BAD_REQUEST", "The batch has no events");
  return validateEvents(raw);
}

/** The event's own id, when it is one ingest could store: rejections name it so a sender can match them. */
function readableId(item: object): string | undefined {
  const id = (item as { eventId?: unknown }).eventId;
  return typeof id === "string" && id.length <= INGEST_TEXT_LIMITS.eventId && textProblem(id) === null ? id : undefined;
}

/** Validates raw events (after OTel aliases), each on its own: the valid ones, and every error with its index and field. */
export function validateEvents(raw: unknown[]): ParsedBatch {
  const events: TIngestEvent[] = [];
  const indexes: number[] = [];
  const errors: IngestError[] = [];
  raw.forEach((item, index) => {
    if (!item || typeof item !== "object" || Array.isArray(item))
      return errors.push({ index, field: "", message: "Each event must be a JSON object" });
    const eventId = readableId(item);
    // Before any walk of the event (aliases, zod): too deep or unstorable text is this event's error.
    const problem = jsonProblem(item);
    if (problem) return errors.push({ index, eventId, field: problem.path, message: problem.message });
    const parsed = ZIngestEvent.safeParse(applyAliases(item as Record<string, unknown>));
    if (parsed.success) {
      events.push(parsed.data);
      indexes.push(index);
    } else
      for (const issue of parsed.error.issues)
        errors.push({
          index,
          eventId,
          field: issue.code === "unrecognized_keys" ? issue.keys.join(",") : issue.path.join("."),
          message: issue.message,
        });
  });
  return { ok: errors.length === 0, events, indexes, errors };
}
