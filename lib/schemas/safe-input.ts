import { z } from "zod";

/**
 * The refinements every schema shares, so untrusted input is refused at the edge with a 400 instead of
 * reaching PostgreSQL (which refuses NUL bytes), the hash chain (a lone surrogate serialises differently
 * from what the database stores) or a recursive walk (a 10,000-deep document overflows the stack).
 */
export const MAX_TEXT = 10_000;
/** How deep an untrusted JSON document may nest; recursive walks below allow a little more for their own wrapping. */
export const MAX_JSON_DEPTH = 64;
/** PostgreSQL's timestamp range is far wider; these bounds are what Warden's records can mean. */
export const MIN_DATE = new Date("1970-01-01T00:00:00.000Z");
export const MAX_DATE = new Date("9999-12-31T23:59:59.999Z");

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored, or null when it can. */
export function textProblem(s: string): string | null {
  if (s.includes("\u0000")) return "must not contain a NUL character";
  if (LONE_SURROGATE.test(s)) return "must be valid Unicode (it contains a lone surrogate)";
  return null;
}

/** The one string schema: no NUL, valid Unicode, at most `max` characters (chain .trim(), .min(), .regex() after it). */
export const text = (max = MAX_TEXT) =>
  z
    .string()
    .max(max, `Use at most ${max} characters`)
    .refine((s) => textProblem(s) === null, { error: (issue) => `Text ${textProblem(String(issue.input))}` });

export type JsonProblem = { path: string; message: string };

/**
 * Walks an untrusted JSON value without recursion: too deep, or a string or key that cannot be stored,
 * is reported with its path. Iterative, so a million-deep array costs a loop, not the stack.
 */
export function jsonProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): JsonProblem | null {
  // A member's path is written out only for the one that has a problem: ingest checks every event this way.
  const stack: Frame[] = [{ v: value, key: "", parent: null, depth: 0 }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const v = frame.v;
    if (typeof v === "string") {
      const problem = textProblem(v);
      if (problem) return { path: pathOf(frame), message: `Text ${problem}` };
      continue;
    }
    if (v === null || typeof v !== "object") continue;
    const depth = frame.depth + 1;
    if (depth > maxDepth) return { path: pathOf(frame), message: `Nested more than ${maxDepth} levels deep` };
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push({ v: v[i], key: String(i), parent: frame, depth });
      continue;
    }
    for (const key in v) {
      if (!Object.hasOwn(v, key)) continue;
      const problem = textProblem(key);
      if (problem) return { path: pathOf(frame), message: `A key ${problem}` };
      stack.push({ v: (v as Record<string, unknown>)[key], key, parent: frame, depth });
    }
  }
  return null;
}

type Frame = { v: unknown; key: string; parent: Frame | null; depth: number };

function pathOf(frame: Frame): string {
  const keys: string[] = [];
  for (let f: Frame | null = frame; f?.parent; f = f.parent) keys.push(f.key);
  let path = "";
  for (let i = keys.length - 1; i >= 0; i--) path = path ? `${path}.${keys[i]}` : keys[i];
  return path;
}

/** Any JSON value, checked by jsonProblem (for free-form members such as tool-call arguments). */
export const jsonValue = (maxDepth = MAX_JSON_DEPTH) =>
  z.unknown().superRefine((v, ctx) => {
    const problem = jsonProblem(v, maxDepth);
    if (problem)
      ctx.addIssue({ code: "custom", message: problem.message, path: problem.path ? problem.path.split(".") : [] });
  });

/** The longest key a jsonObject takes at its top level. */
export const MAX_OBJECT_KEY = 200;
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/**
 * A JSON object with string keys (arguments, attributes), checked like jsonValue. The object itself is
 * the output, never a copy: a copy made by assignment drops an own `__proto__` key (JSON.parse makes
 * one), and what Warden hashes and binds an approval to must be exactly what the caller sent.
 */
export const jsonObject = (maxDepth = MAX_JSON_DEPTH) =>
  z.custom<Record<string, unknown>>(isPlainObject, "Expected a JSON object").superRefine((v, ctx) => {
    const long = Object.keys(v).find((k) => k.length > MAX_OBJECT_KEY);
    if (long !== undefined)
      return ctx.addIssue({ code: "custom", message: `Use at most ${MAX_OBJECT_KEY} characters`, path: [long] });
    const problem = jsonProblem(v, maxDepth);
    if (problem)
      ctx.addIssue({ code: "custom", message: problem.message, path: problem.path ? problem.path.split(".") : [] });
  });

/**
 * A whole number from JSON or a form: a number, or a string of decimal digits. Nothing else is coerced,
 * so "0x10", "1e3", "", true and null are refused rather than read as 16, 1000, 0, 1 and 0.
 */
export const int = (min: number, max: number, message = "Whole numbers only") =>
  z.preprocess(
    (v) => (typeof v === "string" && /^\s*-?\d{1,16}\s*$/.test(v) ? Number(v) : v),
    z.number(message).int(message).min(min).max(max),
  );

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/;

/**
 * A date from JSON or a form: an ISO 8601 string (date, or date and time) or epoch milliseconds, between
 * 1970 and 9999. Booleans, null, and strings like "0" or "tomorrow" are refused instead of becoming 1970.
 */
export const date = (message = "Enter a date (ISO 8601)") =>
  z.preprocess(
    (v) => {
      if (v instanceof Date) return v;
      if (typeof v === "string" && ISO_DATE.test(v.trim())) return new Date(v.trim());
      if (typeof v === "number" && Number.isInteger(v)) return new Date(v);
      return v;
    },
    z
      .date(message)
      .refine((d) => !Number.isNaN(d.getTime()), message)
      .refine((d) => d >= MIN_DATE && d <= MAX_DATE, "Dates must fall between 1970 and 9999"),
  );

/** Empty form fields ("") mean "not given". */
export const blankAsUndefined = <S extends z.ZodType>(s: S) =>
  z.preprocess((v) => (v === "" ? undefined : v), s.optional());

/** Path parameters: ids are UUIDs, anything else a short, safe token. Refused as 404: no such thing exists. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);
