import { AppError } from "@/lib/errors";
import { jsonProblem } from "@/lib/schemas/safe-input";
import { INGEST_LIMITS, ZIngestEvent, type TIngestEvent } from "@/lib/schemas/ingest";
import { applyAliases } from "./otel-aliases";

export type IngestError = { index: number; field: string; message: string };

export type ParsedBatch = { ok: true; events: TIngestEvent[] } | { ok: false; errors: IngestError[] };

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

/** Parses an untrusted batch: all events valid, or every error with its index and field. */
export function parseBatch(text: string, contentType: string): ParsedBatch {
  if (Buffer.byteLength(text) > INGEST_LIMITS.maxBytes)
    throw new AppError("PAYLOAD_TOO_LARGE", `A batch is limited to ${INGEST_LIMITS.maxBytes} bytes`);
  const raw = split(text, contentType);
  if (raw.length > INGEST_LIMITS.maxEvents)
    throw new AppError("PAYLOAD_TOO_LARGE", `A batch is limited to ${INGEST_LIMITS.maxEvents} events`);
  if (raw.length === 0) throw new AppError("BAD_REQUEST", "The batch has no events");
  return validateEvents(raw);
}

/** Validates raw events (after OTel aliases): all valid, or every error with its index and field. */
export function validateEvents(raw: unknown[]): ParsedBatch {
  const events: TIngestEvent[] = [];
  const errors: IngestError[] = [];
  raw.forEach((item, index) => {
    if (!item || typeof item !== "object" || Array.isArray(item))
      return errors.push({ index, field: "", message: "Each event must be a JSON object" });
    // Before any walk of the event (aliases, zod): too deep or unstorable text is this event's error.
    const problem = jsonProblem(item);
    if (problem) return errors.push({ index, field: problem.path, message: problem.message });
    const parsed = ZIngestEvent.safeParse(applyAliases(item as Record<string, unknown>));
    if (parsed.success) events.push(parsed.data);
    else
      for (const issue of parsed.error.issues)
        errors.push({
          index,
          field: issue.code === "unrecognized_keys" ? issue.keys.join(",") : issue.path.join("."),
          message: issue.message,
        });
  });
  return errors.length ? { ok: false, errors } : { ok: true, events };
}
