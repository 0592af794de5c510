import { TOKEN_PATTERNS } from "@/lib/registry/secret-detector";

/**
 * The one redaction module: every writer (decisions, ingest, console changes through recordAudit,
 * approvals, webhooks) passes what it stores through here. Two passes:
 *  - by key: values under sensitive-looking keys (and a server's denied fields) are replaced whole;
 *  - by value: inside every string, passwords in URLs and DSNs, `password=…` assignments, bearer
 *    tokens, token-shaped values (the secret detector's patterns), SSNs and card numbers are masked.
 */
export const REDACTED = "[REDACTED]";
export const TOO_DEEP = "[TOO DEEP]";
/** Deeper than any input Warden accepts (MAX_JSON_DEPTH) plus the records' own wrapping. */
export const MAX_REDACT_DEPTH = 100;

const SENSITIVE_KEY =
  /pass(word|phrase|wd|code)?|pwd|secret|token|api[-_]?key|access[-_]?key|authorization|credential|private[-_]?key|cookie|ssn|card[-_]?number|cvv|connection[-_]?string/i;
// Short names that are only sensitive as whole words: "otp" but not "footprint", "dsn" but not "dsname".
const SENSITIVE_WORD = /^(otp|totp|mfa|dsn|pin|auth)$/i;

const sensitiveKeys = new Map<string, boolean>();
/** Whether a key names a secret; answers are remembered (records repeat the same keys thousands of times). */
export const isSensitiveKey = (key: string) => {
  let known = sensitiveKeys.get(key);
  if (known === undefined) {
    known = SENSITIVE_KEY.test(key) || key.split(/[-_.\s]|(?<=[a-z])(?=[A-Z])/).some((w) => SENSITIVE_WORD.test(w));
    if (sensitiveKeys.size < 10_000) sensitiveKeys.set(key, known);
  }
  return known;
};

const SSN = /\b\d{3}-\d{2}-\d{4}\b/g;
const CARD = /\b\d(?:[ -]?\d){12,18}\b/g;
// scheme://user:password@ (also DSNs): keep the user and host, drop the password.
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^/\s:@]*):([^/\s@]+)@/gi;
// password=…, "token": "…", pwd: … in query strings, DSNs, logs and JSON-in-strings.
const ASSIGNMENT =
  /\b((?:[a-z0-9]+[-_])*(?:password|passwd|pwd|secret|token|api[-_]?key|access[-_]?key|otp)(?:["']?\s*=\s*["']?|["']?:\s+["']?|":"))([^\s"'&;,}]+)/gi;
const BEARER = /\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

// Compiled once: this runs on every string of every record and every gateway response.
const TOKENS_GLOBAL = TOKEN_PATTERNS.map((p) => new RegExp(p.source, "g"));

/**
 * Something every pattern above needs (a scheme's ://, a keyword, a token's prefix, an SSN or 13 digits),
 * in one case-insensitive pass. Most strings have none of it and are returned as they are: one regex
 * instead of seventeen. A strict superset of the patterns; redact.test.ts holds it to that.
 */
const MIGHT_REDACT =
  /:\/\/|pass|pwd|secret|token|api|access|otp|bearer|basic|akia|asia|agpa|aida|aroa|gh[pousr]_|github_pat_|xox|_live_|_test_|sk-|glpat-|wdn_|eyj|-----begin|aiza|\d{3}-\d{2}-\d{4}|\d(?:[ -]?\d){12}/i;

/** Masks secrets and personal numbers inside free text, keeping the words around them. */
export function redactText(s: string): string {
  return MIGHT_REDACT.test(s) ? redactAll(s) : s;
}

/** Every pattern, unscreened (exported for the test that holds the screen to being a superset). */
export function redactAll(s: string): string {
  let out = s
    .replace(URL_PASSWORD, `$1:${REDACTED}@`)
    .replace(ASSIGNMENT, (_, name: string) => `${name}${REDACTED}`)
    .replace(BEARER, (m) => `${m.split(/\s+/)[0]} ${REDACTED}`);
  for (const pattern of TOKENS_GLOBAL) out = out.replace(pattern, REDACTED);
  return out.replace(SSN, REDACTED).replace(CARD, (m) => (luhn(m.replace(/\D/g, "")) ? REDACTED : m));
}

/**
 * Redacts a value before it is stored: sensitive keys (and `extraKeys`, e.g. a server's denied fields)
 * by name, secrets and personal numbers inside strings. Anything nested deeper than MAX_REDACT_DEPTH is
 * replaced, so a hostile document can never overflow the stack here.
 */
export function redact<T>(value: T, extraKeys: readonly string[] = []): T {
  const extra = new Set(extraKeys.map((k) => k.toLowerCase()));
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === "string") return redactText(v);
    if (v === null || typeof v !== "object" || v instanceof Date) return v;
    if (depth >= MAX_REDACT_DEPTH) return TOO_DEEP;
    if (Array.isArray(v)) return v.map((inner) => walk(inner, depth + 1));
    return Object.fromEntries(
      Object.entries(v).map(([k, inner]) =>
        isSensitiveKey(k) || extra.has(k.toLowerCase()) ? [k, REDACTED] : [k, walk(inner, depth + 1)],
      ),
    );
  };
  return walk(value, 0) as T;
}
