import { MAX_INSPECT_BYTES, textsOf } from "./decode-blob";
import { normalise } from "./normalise-text";
import { isCardNumber, isSensitiveName, plainIdentifier, secretSpans, SEP, SPACED_PREFIX } from "./secret-spans";

/**
 * The one redaction module: every writer (decisions, ingest, console changes through recordAudit,
 * approvals, webhooks, the gateway's results) passes what it stores or returns through here.
 *  - by key: values under sensitive-looking keys (and a server's denied fields) are replaced whole, and a
 *    key that itself holds a secret is masked like any string;
 *  - by value: inside every string, passwords in URLs and DSNs, `password=…`-style assignments, bearer
 *    tokens, token shapes (the secret detector's), private keys, SSNs and card numbers, and password
 *    columns of CSV text are masked; so are the same written in fullwidth, lower case, spaced out,
 *    split by zero-width characters or escapes, and hex, base64 or gzip runs whose content holds one
 *    (see secret-spans.ts). An integer that is a card number is replaced.
 */
export const REDACTED = "[REDACTED]";
export const TOO_DEEP = "[TOO DEEP]";
/** Deeper than any input Warden accepts (MAX_JSON_DEPTH) plus the records' own wrapping. */
export const MAX_REDACT_DEPTH = 100;

const sensitiveKeys = new Map<string, boolean>();
/** Whether a key names a secret (as written, or normalised); answers are remembered (records repeat their keys). */
export const isSensitiveKey = (key: string) => {
  let known = sensitiveKeys.get(key);
  if (known === undefined) {
    const n = normalise(key)?.text;
    known = isSensitiveName(key) || (n !== undefined && isSensitiveName(n));
    if (sensitiveKeys.size < 10_000) sensitiveKeys.set(key, known);
  }
  return known;
};

/**
 * Something a pattern needs, found in one pass over the characters and a few small regexes: a run of 12
 * base64 or base64url characters (every token, key, hex or base64 blob has one), a character outside
 * printable ASCII (normalisation), nine digits (SSNs, cards), a keyword or scheme, an escape, spaced-out
 * characters, hex pairs with separators, a prefix with spaces in it, a CSV header word in multi-line text.
 * Strings without any are returned as they are. A strict superset of the patterns; redact.test.ts holds it to that.
 */
const WORDS =
  /:\/\/|pass|pw|secret|token|api|access|private|credential|otp|bearer|basic|eyj|-----|%[0-9a-f]{2}|\\[ux]|&#/i;
const NUMBERS = new RegExp(`\\d{3}${SEP}\\d{2}${SEP}\\d{4}|\\d(?:(?:${SEP}|[_\\t])?\\d){12}`);
const SPACED = /(?:\S[^\S\n]+){7}\S/;
const HEX_PAIRS = /(?:[0-9a-f]{2}[ :,-]?){8}/i;
// CSV headers: only text with more than one line can have one.
const CSV_WORDS = /cookie|ssn|card|cvv|connection|mfa|dsn|pin|auth|key/i;

function mightRedact(s: string): boolean {
  let run = 0;
  let digits = 0;
  let space = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7e || (c < 0x20 && c !== 9 && c !== 10 && c !== 13)) return true;
    const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (alnum || c === 43 || c === 47 || c === 95 || c === 45) {
      if (++run >= 12) return true;
    } else run = 0;
    if (c >= 48 && c <= 57) digits++;
    else if (c === 32 || c === 9 || c === 10 || c === 13) space = true;
  }
  return (
    WORDS.test(s) ||
    (digits >= 9 && NUMBERS.test(s)) ||
    HEX_PAIRS.test(s) ||
    (space && (SPACED.test(s) || SPACED_PREFIX.test(s) || (s.includes("\n") && CSV_WORDS.test(s))))
  );
}

/**
 * The secrets one record's redaction has found so far, to be masked wherever else the same record repeats
 * them: a pattern that needs context (a CSV header, a `password=` before the value, a sensitive key) sees
 * it in one field, and a message that quotes that field elsewhere ("agent … is not registered") has lost
 * the context. Shorter than MIN_KNOWN characters is too common to mask everywhere.
 */
export type KnownSecrets = Set<string>;
const MIN_KNOWN = 6;

/**
 * Short strings the patterns found nothing in, remembered: ingest's records repeat their names, labels,
 * sessions and argument values, and most of them pass the screen (a run of 12 letters), so each would be
 * scanned by every pattern again. Only a string with no secret span is kept (nothing to mask, nothing to
 * remember as known), so the answer is the same; past CLEAN_MAX entries the set starts again.
 */
const clean = new Set<string>();
const CLEAN_MAX = 20_000;
const CLEAN_LENGTH = 256;

/** Masks secrets and personal numbers inside free text, keeping the words around them. */
export function redactText(s: string, known?: KnownSecrets): string {
  if (s.length <= CLEAN_LENGTH && clean.has(s)) return s;
  return mightRedact(s) && !plainIdentifier(s) ? redactAll(s, known) : s;
}

/** Every pattern, unscreened (exported for the test that holds the screen to being a superset). */
export function redactAll(s: string, known?: KnownSecrets): string {
  const spans = secretSpans(s);
  if (spans.length === 0) {
    if (s.length <= CLEAN_LENGTH) {
      if (clean.size >= CLEAN_MAX) clean.clear();
      clean.add(s);
    }
    return s;
  }
  let out = "";
  let at = 0;
  for (const [a, b] of spans) {
    remember(known, s.slice(a, b));
    out += s.slice(at, a) + REDACTED;
    at = b;
  }
  return out + s.slice(at);
}

function remember(known: KnownSecrets | undefined, secret: string) {
  const trimmed = secret.trim();
  if (known && trimmed.length >= MIN_KNOWN && known.size < 1_000) known.add(trimmed);
}

/** The string leaves of a value masked whole (under a sensitive key), remembered as known secrets. */
function rememberLeaves(known: KnownSecrets | undefined, v: unknown, depth = 0) {
  if (!known || depth > MAX_REDACT_DEPTH) return;
  if (typeof v === "string") {
    remember(known, v);
    redactText(v, known); // and the secrets inside it ("password=…" under a "dsn" key)
  } else if (typeof v === "number" && Number.isSafeInteger(v) && Math.abs(v) >= 100_000) remember(known, String(v));
  else if (v && typeof v === "object") for (const inner of Object.values(v)) rememberLeaves(known, inner, depth + 1);
}

/** A matcher for every known secret (longest first, any case), or null when there is none. */
export function knownSecretPattern(known: KnownSecrets): RegExp | null {
  if (known.size === 0) return null;
  const alternatives = [...known]
    .sort((a, b) => b.length - a.length)
    .map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(alternatives.join("|"), "gi");
}

/**
 * Second pass over a value redact() (or redactText) already produced: every known secret left in a string
 * or a key is masked. Returns the value as it is when no secret was found (the common case).
 */
export function maskKnown<T>(value: T, pattern: RegExp | null): T {
  if (!pattern) return value;
  const text = (s: string) => s.replace(pattern, REDACTED);
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === "string") return text(v);
    if (v === null || typeof v !== "object" || v instanceof Date || depth >= MAX_REDACT_DEPTH) return v;
    if (Array.isArray(v)) return v.map((inner) => walk(inner, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, inner] of Object.entries(v))
      Object.defineProperty(out, uniqueKey(out, text(k)), {
        value: walk(inner, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  };
  return walk(value, 0) as T;
}

/** Whether a text holds anything redactText would mask. */
export const holdsSecret = (s: string) => redactText(s) !== s;

/**
 * Whether a base64 blob (a resource's contents, an image's or audio's data) holds a secret: in its text,
 * in the text its gzip or zlib data inflates to, or in the printable runs of binary data. A blob larger
 * than MAX_INSPECT_BYTES (1 MB) decoded or inflated is not inspected. A blob can't be re-encoded with a
 * part masked: the caller replaces the whole of it.
 */
export function blobHoldsSecret(base64: string): boolean {
  if ((base64.length * 3) / 4 > MAX_INSPECT_BYTES + 3) return false;
  return textsOf(Buffer.from(base64, "base64")).some((t) => holdsSecret(t));
}

/** An integer that reads as a card number (13 to 19 digits, Luhn). */
const cardInteger = (n: number) => Number.isSafeInteger(n) && Math.abs(n) >= 1e12 && isCardNumber(String(Math.abs(n)));

/**
 * Redacts a value before it is stored: sensitive keys (and `extraKeys`, e.g. a server's denied fields)
 * by name, secrets and personal numbers inside strings and inside keys (a masked key is kept apart from
 * its siblings), card numbers written as integers. Anything nested deeper than MAX_REDACT_DEPTH is
 * replaced, so a hostile document can never overflow the stack here.
 */
export function redact<T>(value: T, extraKeys: readonly string[] = [], known?: KnownSecrets): T {
  const extra = new Set(extraKeys.map((k) => k.toLowerCase()));
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === "string") return redactText(v, known);
    if (typeof v === "number") return cardInteger(v) ? REDACTED : v;
    if (v === null || typeof v !== "object" || v instanceof Date) return v;
    if (depth >= MAX_REDACT_DEPTH) return TOO_DEEP;
    if (Array.isArray(v)) return v.map((inner) => walk(inner, depth + 1));
    const out: Record<string, unknown> = {};
    for (const k in v) {
      if (!Object.hasOwn(v, k)) continue;
      const inner = (v as Record<string, unknown>)[k];
      // Left out as JSON leaves it out: records built in code carry many optional members unset.
      if (inner === undefined) continue;
      const key = uniqueKey(out, redactText(k, known));
      const whole = isSensitiveKey(k) || (extra.size > 0 && extra.has(k.toLowerCase()));
      if (whole) rememberLeaves(known, inner);
      setOwn(out, key, whole ? REDACTED : walk(inner, depth + 1));
    }
    return out;
  };
  return walk(value, 0) as T;
}

/** Sets a member of a fresh copy; a "__proto__" key from the wire is data, defined so it never becomes the copy's prototype. */
function setOwn(out: Record<string, unknown>, key: string, value: unknown) {
  if (key === "__proto__")
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/** A masked key that would collide with a sibling gets a number: two secrets as keys stay two entries. */
export function uniqueKey(out: Record<string, unknown>, key: string): string {
  if (!Object.hasOwn(out, key)) return key;
  let n = 2;
  while (Object.hasOwn(out, `${key} (${n})`)) n++;
  return `${key} (${n})`;
}
