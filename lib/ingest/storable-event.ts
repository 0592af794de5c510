import { sha256Hex } from "@/lib/crypto/sha256";
import {
  INGEST_OUTCOMES,
  INGEST_REQUIRED_TEXT,
  INGEST_TEXT_LIMITS,
  INGEST_TRIMMED_FIELDS,
  ZIngestEvent,
} from "@/lib/schemas/ingest";
import { MAX_JSON_DEPTH, MAX_OBJECT_KEY } from "@/lib/schemas/safe-input";

/** One change storableEvent made, kept in the event's `attributes.sanitized`: where, and what (never the raw value). */
export type SanitizedNote = { field: string; what: string };

/** At most this many notes per event; the rest are counted in one last note. */
const MAX_NOTES = 20;
/** `…#` and ten hex digits of the original's sha256 end a cut value, so distinct values stay distinct. */
const HASH_SUFFIX = 12;
/**
 * Ingest walks the whole event (depth 0) before its schema: an object inside `arguments` or
 * `attributes` sits one level deeper than in the value itself, so these may nest one level less.
 */
const MEMBER_DEPTH = MAX_JSON_DEPTH - 1;

const TRIMMED = new Set<string>(INGEST_TRIMMED_FIELDS);
const REQUIRED = new Set<string>(INGEST_REQUIRED_TEXT);
const TEXT_LIMITS: Record<string, number> = INGEST_TEXT_LIMITS;
const shape = ZIngestEvent.shape;

const sha = (s: string) => sha256Hex(s).slice(0, 10);

/**
 * Timestamps and outcomes as the gateway writes them, which the schema takes: checked here without zod, on
 * every audit line's path. Anything else is asked of the schema (storable-event.test.ts holds the two to it).
 */
export const canonicalTimestamp = (v: unknown): v is string => {
  if (lastTimestamp !== undefined && v === lastTimestamp) return true; // a call's begin and done lines share it
  if (typeof v !== "string" || v < "1970" || !ISO_UTC.test(v)) return false;
  const d = new Date(v);
  if (Number.isNaN(d.getTime()) || d.toISOString() !== v) return false;
  lastTimestamp = v;
  return true;
};
let lastTimestamp: string | undefined;
const CANONICAL_OUTCOMES = new Set<unknown>(INGEST_OUTCOMES);
export const canonicalOutcome = (v: unknown): boolean => CANONICAL_OUTCOMES.has(v);

// A high surrogate not followed by a low one, or a low one not preceded by a high one; and NUL.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Every character UNSTORABLE can match: text without any (nearly all) has nothing to escape. */
const MAYBE_UNSTORABLE = /[\u0000\uD800-\uDFFF]/;
/** What Date#toISOString writes: the gateway's own timestamps. */
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

class Notes {
  readonly list: SanitizedNote[] = [];
  private more = 0;
  add(field: string, what: string) {
    if (this.list.length < MAX_NOTES) this.list.push({ field: cut(escape(field), MAX_OBJECT_KEY), what });
    else this.more++;
  }
  done(): SanitizedNote[] {
    return this.more ? [...this.list, { field: "*", what: `${this.more} more changes like these` }] : this.list;
  }
}

/** NUL and lone surrogates become the six characters of their JSON escape (`\u0000`, `\ud800`): PostgreSQL and the hash chain cannot hold them. */
function escape(s: string): string {
  if (!MAYBE_UNSTORABLE.test(s)) return s;
  return s.replace(UNSTORABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** The first characters of `s` and a short hash of all of it, in at most `max` characters; never splits a surrogate pair. */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = Math.max(0, max - HASH_SUFFIX);
  if (end > 0 && /[\uD800-\uDBFF]/.test(s[end - 1])) end--;
  return `${s.slice(0, end)}…#${sha(s)}`.slice(0, max);
}

function storableText(value: string, field: string, max: number, notes: Notes, trim = false): string {
  let s = escape(value);
  if (s !== value) notes.add(field, "NUL or lone surrogate escaped as \\uXXXX text");
  if (trim && s.trim() !== s) {
    s = s.trim();
    notes.add(field, "surrounding white space trimmed");
  }
  if (s.length > max) {
    notes.add(field, `cut from ${s.length} to ${max} characters (the end is a sha256 prefix of the whole)`);
    s = cut(s, max);
  }
  return s;
}

/** JSON text of a value that is not text, for a text field; a value too deep to serialise is described instead. */
function asJsonText(v: unknown): string {
  try {
    return JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? x.toString() : x)) ?? String(v);
  } catch {
    return `[a value that cannot be serialised: ${typeof v}]`;
  }
}

/** A copy of a JSON value that ingest stores: text escaped, keys escaped (and cut at the top when asked), too deep replaced by a marker. */
function storableJson(v: unknown, path: string, depth: number, notes: Notes, topKeyMax?: number): unknown {
  if (typeof v === "string") {
    const s = escape(v);
    if (s !== v) notes.add(path, "NUL or lone surrogate escaped as \\uXXXX text");
    return s;
  }
  if (typeof v === "number" && !Number.isFinite(v)) {
    notes.add(path, `${v} is not a JSON number: stored as text`);
    return String(v);
  }
  if (typeof v === "bigint") {
    notes.add(path, "a big integer: stored as text");
    return v.toString();
  }
  if (v === null || typeof v !== "object") return v;
  if (depth >= MEMBER_DEPTH) {
    const json = asJsonText(v);
    notes.add(path, `nested deeper than ${MAX_JSON_DEPTH} levels: replaced by a marker`);
    return `[cut: nested deeper than ${MAX_JSON_DEPTH} levels; ${json.length} characters, sha256 ${sha(json)}]`;
  }
  if (Array.isArray(v)) return v.map((item, i) => storableJson(item, `${path}.${i}`, depth + 1, notes));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(v)) {
    const inner = (v as Record<string, unknown>)[key];
    let k = escape(key);
    if (k !== key) notes.add(`${path}.${k}`, "key: NUL or lone surrogate escaped as \\uXXXX text");
    if (topKeyMax !== undefined && k.length > topKeyMax) {
      notes.add(`${path}.${cut(k, 40)}`, `key cut from ${k.length} to ${topKeyMax} characters`);
      k = cut(k, topKeyMax);
    }
    // Two keys that escape (or cut) alike both stay: the later one gets a numbered name.
    for (let n = 2; Object.hasOwn(out, k); n++) {
      const next = topKeyMax !== undefined ? cut(`${k}#${n}`, topKeyMax) : `${k}#${n}`;
      if (!Object.hasOwn(out, next)) {
        notes.add(`${path}.${next}`, "key renamed: it collided with another after escaping or cutting");
        k = next;
      }
    }
    const value = storableJson(inner, `${path}.${k}`, depth + 1, notes);
    // Defined, not assigned: a "__proto__" key stays data.
    if (k === "__proto__")
      Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
    else out[k] = value;
  }
  return out;
}

function storableNumber(key: "recordsReturned" | "bytes" | "latencyMs", v: unknown, notes: Notes): number | undefined {
  if (shape[key].safeParse(v).success) return v as number;
  if (typeof v === "number" && Number.isFinite(v)) {
    const fixed = key === "latencyMs" ? Math.min(Math.max(v, 0), 3_600_000) : Math.max(0, Math.round(v));
    if (shape[key].safeParse(fixed).success) {
      notes.add(key, `${v} is out of range: stored as ${fixed}`);
      return fixed;
    }
  }
  notes.add(key, `not a number ingest takes: kept as text in attributes.unstorable.${key}`);
  return undefined;
}

/**
 * An event that Warden's ingest always accepts (ZIngestEvent, and the whole-event walk before it),
 * made from any event: over-long text is cut to the schema's own limits (a prefix and a short hash,
 * so distinct values stay distinct), NUL and lone surrogates are escaped as `\uXXXX` text, white space
 * ingest would trim is trimmed, subtrees nested too deep become a marker string, and values of the
 * wrong type are kept as text. Nothing is dropped silently: each change is listed in
 * `attributes.sanitized` as `{field, what}`, and a value that fits no field is kept in
 * `attributes.unstorable`. Applying it twice changes nothing more.
 */
export function storableEvent<E extends object>(event: E): E {
  const notes = new Notes();
  const out: Record<string, unknown> = {};
  const unstorable = new Map<string, unknown>();
  let attributes: Record<string, unknown> | undefined;
  for (const key of Object.keys(event)) {
    const v: unknown = (event as Record<string, unknown>)[key];
    if (v === undefined) continue;
    if (key === "requestId" && typeof v === "number" && Number.isFinite(v)) out[key] = v;
    else if (Object.hasOwn(TEXT_LIMITS, key)) {
      const s = typeof v === "string" ? v : asJsonText(v);
      if (typeof v !== "string") notes.add(key, "not text: stored as its JSON text");
      let value = storableText(s, key, TEXT_LIMITS[key], notes, TRIMMED.has(key));
      if (value === "" && (REQUIRED.has(key) || key === "eventId")) {
        notes.add(key, "blank: stored as (blank)");
        value = "(blank)";
      }
      out[key] = value;
    } else if (key === "timestamp") {
      if (canonicalTimestamp(v)) {
        out[key] = v;
        continue;
      }
      const parsed = shape.timestamp.safeParse(v);
      if (parsed.success) out[key] = typeof v === "string" ? v : parsed.data.toISOString();
      else {
        notes.add(key, "not a date between 1970 and 9999: the time it was made storable instead");
        unstorable.set(key, v);
        out[key] = new Date().toISOString();
      }
    } else if (key === "outcome") {
      if (canonicalOutcome(v) || shape.outcome.safeParse(v).success) out[key] = v;
      else {
        notes.add(key, "not an outcome ingest knows: stored as error");
        unstorable.set(key, v);
        out[key] = "error";
      }
    } else if (key === "recordsReturned" || key === "bytes" || key === "latencyMs") {
      const n = storableNumber(key, v, notes);
      if (n === undefined) unstorable.set(key, v);
      else out[key] = n;
    } else if (key === "userSource") {
      if (shape.userSource.safeParse(v).success) out[key] = v;
      else {
        notes.add(key, "not verified, asserted or none: kept in attributes.unstorable");
        unstorable.set(key, v);
      }
    } else if (key === "arguments") out[key] = storableJson(v, key, 0, notes);
    else if (key === "attributes") {
      if (v !== null && typeof v === "object" && !Array.isArray(v)) attributes = v as Record<string, unknown>;
      else {
        notes.add(key, "not an object: kept as attributes.value");
        attributes = { value: v };
      }
    } else {
      notes.add(key, "not an ingest field: kept in attributes.unstorable");
      unstorable.set(key, v);
    }
  }
  for (const key of INGEST_REQUIRED_TEXT)
    if (out[key] === undefined) {
      notes.add(key, "missing: stored as (missing)");
      out[key] = "(missing)";
    }
  if (out.timestamp === undefined) {
    notes.add("timestamp", "missing: the time it was made storable instead");
    out.timestamp = new Date().toISOString();
  }
  if (out.outcome === undefined) {
    notes.add("outcome", "missing: stored as error");
    out.outcome = "error";
  }
  let attrs: Record<string, unknown> | undefined = attributes && { ...attributes };
  if (unstorable.size) {
    const earlier = attrs?.unstorable;
    const kept =
      earlier && typeof earlier === "object" && !Array.isArray(earlier)
        ? earlier
        : earlier === undefined
          ? {}
          : { earlier };
    attrs = { ...attrs, unstorable: { ...kept, ...Object.fromEntries(unstorable) } };
  }
  // The notes so far, then the attributes walk's own (an earlier pass's notes are kept in front).
  const pending = notes.done();
  if (attrs) {
    const before = Array.isArray(attrs.sanitized)
      ? attrs.sanitized
      : attrs.sanitized === undefined
        ? []
        : [attrs.sanitized];
    if (pending.length) attrs.sanitized = [...before, ...pending];
    const walkNotes = new Notes();
    const walked = storableJson(attrs, "attributes", 0, walkNotes, MAX_OBJECT_KEY) as Record<string, unknown>;
    const more = walkNotes.done();
    if (more.length) {
      const sanitized = Array.isArray(walked.sanitized) ? walked.sanitized : [];
      walked.sanitized = [...sanitized, ...more];
    }
    out.attributes = walked;
  } else if (pending.length) out.attributes = { sanitized: pending };
  return out as E;
}
