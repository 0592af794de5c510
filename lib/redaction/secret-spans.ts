import { TOKEN_SHAPES } from "./secret-detector";
import { csvSecretSpans } from "./csv-secret-columns";
import { BASE64_RUN, base64Texts, HEX_RUN, hexBytes, textsOf } from "./decode-blob";
import { MIGHT_NORMALISE, normalise, originalSpan, withoutSpaces, type Normalised } from "./normalise-text";

export type Span = [number, number];

/** Key names that hold secrets (also the header of a secret CSV column). */
export const SENSITIVE_KEY =
  /pass(word|phrase|wd|code)?|pwd|secret|token|api[-_]?key|access[-_]?key|authorization|credential|private[-_]?key|cookie|ssn|card[-_]?number|cvv|connection[-_]?string/i;
// Short names that are only sensitive as whole words: "otp" but not "footprint", "dsn" but not "dsname".
export const SENSITIVE_WORD = /^(otp|totp|mfa|dsn|pin|auth)$/i;

// Every pattern is global with indices ("d"), so a match's secret part (a capture group) is known by position.
export const SEP = "[-\\u2010-\\u2015\\u2212. /]";
const SSN = new RegExp(`(?<![A-Za-z0-9])\\d{3}(${SEP})\\d{2}\\1\\d{4}(?![A-Za-z0-9])`, "g");
// Not ":" (a date and time would read as 14 digits).
const CARD = new RegExp(`(?<![A-Za-z0-9])\\d(?:(?:${SEP}|[_\\t])?\\d){12,18}(?![A-Za-z0-9])`, "g");
// scheme://user:password@ (also DSNs): keep the user and host, drop the password.
const URL_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:([^/\s@]+)@/dgi;
// password=…, "db_pass": "…", PGPASSWORD=…, spring.datasource.password: … in query strings, DSNs, logs,
// env files, YAML and JSON-in-strings. The name: words joined by - _ . ending in a secret word (a word
// that contains "password" anywhere), optionally followed by a key/value/hash suffix.
const NAME =
  "(?:[a-z0-9]+[-_.])*(?:[a-z0-9]*pass(?:word|wd|phrase)|pass|pwd|pw|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|client[-_]?secret|credentials?|otp)(?:[-_.]?(?:key|value|hash|str|string|\\d+))?";
const ASSIGNMENT = new RegExp(
  `\\b${NAME}(?:["']?\\s*=>?\\s*["']?|["']\\s*:\\s*["']?|:\\s+["']?|":")([^\\s"'&;,}<]+)`,
  "dgi",
);
// A quoted value may hold spaces: password="correct horse battery staple".
const QUOTED = new RegExp(`\\b${NAME}["']?\\s*(?:=>?|:)\\s*(?:"([^"\\n]*)"|'([^'\\n]*)')`, "dgi");
// Only the password words take a value right after the colon ("pwd:hunter2"); "secret:prod/x" is an ARN part.
const COLON = /\b(?:[a-z0-9]+[-_.])*(?:[a-z0-9]*pass(?:word|wd)|pass|pwd):([^\s"'&;,}<:/][^\s"'&;,}<]*)/dgi;
// --password hunter2, -p is too short to tell: long flags only.
const FLAG = new RegExp(`(?<![\\w-])--${NAME}\\s+([^\\s-][^\\s]*)`, "dgi");
// <password>…</password>
const XML = new RegExp(`<(${NAME})(?:\\s[^>]*)?>([^<]+)</`, "dgi");
const BEARER = /\b(?:bearer|basic)\s+([A-Za-z0-9._~+/=-]{8,})/dgi;
const TOKENS = TOKEN_SHAPES.map((t) => ({ ...t, pattern: new RegExp(t.pattern.source, t.pattern.flags + "g") }));
// Tokens whose prefix alone says what they are (not "sk-", common in words): looked for again with every space taken out.
const PREFIXED = TOKENS.filter((t) => !t.accept && t.what !== "an API secret key");
// The prefixes, as sequences of one-character atoms (a letter or a class).
const PREFIX_ATOMS = [
  "akia",
  "asia",
  "agpa",
  "aida",
  "aroa",
  "gh[pousr]_",
  "github_pat_",
  "xox[abposr]-",
  "[spr]k_live_",
  "[spr]k_test_",
  "glpat-",
  "wdn_",
  "wag_",
  "eyj",
  "aiza",
  "-----begin",
].map((p) => p.match(/\[[^\]]+\]|./g)!);
export const PREFIX = new RegExp(PREFIX_ATOMS.map((a) => a.join("")).join("|"), "i");
/** A prefix with spaces anywhere inside it ("g h p _", "ghp _"): text the space-free pass must look at. */
export const SPACED_PREFIX = new RegExp(PREFIX_ATOMS.map((a) => a.join("\\s*")).join("|"), "i");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * 13 to 19 digits that pass Luhn. Only Visa issues 13-digit numbers (they start with 4), so a millisecond
 * timestamp (13 digits starting with 1) is not taken for one.
 */
export const isCardNumber = (digits: string) =>
  digits.length >= 13 && digits.length <= 19 && (digits.length > 13 || digits[0] === "4") && luhn(digits);

/** Spans of a pattern's last capture group (the secret part), or of the whole match. */
function groupSpans(pattern: RegExp, s: string, out: Span[]) {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(s); m; m = pattern.exec(s)) {
    if (m[0].length === 0) pattern.lastIndex++;
    const span = [...(m.indices ?? [])].reverse().find(Boolean) ?? [m.index, m.index + m[0].length];
    out.push([span[0], span[1]]);
  }
}

// Cheap gates: each family of patterns runs only on text that has what all of them need. Literal
// substrings of the lower-cased text (indexOf is far faster than a case-insensitive alternation on a long text).
const expand = (atoms: string[]): string[] =>
  atoms.reduce<string[]>(
    (acc, atom) => acc.flatMap((p) => (atom.length > 1 ? [...atom.slice(1, -1)].map((c) => p + c) : [p + atom])),
    [""],
  );
const PREFIX_LITERALS = [...PREFIX_ATOMS.flatMap(expand), "sk-"];
const KEYWORDS = ["pass", "pw", "secret", "token", "api", "access", "private", "credential", "otp"];
/** Whether the text has 40 base64 characters in a row (a loop: the regex is slow on long texts). */
function hasRun40(s: string): boolean {
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const b64 = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47;
    if (!b64) run = 0;
    else if (++run >= 40) return true;
  }
  return false;
}
const containsAny = (lower: string, literals: string[]) => literals.some((l) => lower.includes(l));

/**
 * Whether a text is an identifier no pattern can match (a session id, a trace id such as "trace-11-1201", a
 * slug): lower-case ASCII letters, digits and "-", "_", "." only, with
 *  - no token prefix and no keyword (the token shapes and assignments need one; a bare AWS secret key needs
 *    an upper-case letter or "+" or "/" to be accepted);
 *  - fewer than 9 digits in any run of digits and separators (an SSN has 9, a card number 13);
 *  - no run of 16 hex digits and separators (a hex blob has 16 digits in a row, or 8 pairs set apart);
 * and nothing else can match it: no "://", no "\n", no space, no character normalisation changes, and a
 * base64 run is decoded only when it holds an upper-case letter. Checked in one pass, before the full scan;
 * secret-spans.test.ts holds it to secretSpans on random and adversarial strings.
 */
export function plainIdentifier(s: string): boolean {
  let digits = 0;
  let hex = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const digit = c >= 48 && c <= 57;
    const separator = c === 45 || c === 46 || c === 95;
    if (!digit && !separator && !(c >= 97 && c <= 122)) return false;
    digits = digit ? digits + 1 : separator ? digits : 0;
    hex = digit || separator || (c >= 97 && c <= 102) ? hex + 1 : 0;
    if (digits >= 9 || hex >= 16) return false;
  }
  return !containsAny(s, PREFIX_LITERALS) && !containsAny(s, KEYWORDS);
}

/** The patterns over the text as it is. */
function plainSpans(s: string, out: Span[], tokensOnly = false) {
  const lower = s.toLowerCase();
  if (containsAny(lower, PREFIX_LITERALS) || hasRun40(s))
    for (const t of tokensOnly ? PREFIXED : TOKENS)
      for (const m of s.matchAll(t.pattern))
        if (!t.accept || t.accept(m[0])) out.push([m.index, m.index + m[0].length]);
  if (tokensOnly) return;
  if (s.includes("://")) groupSpans(URL_PASSWORD, s, out);
  if (containsAny(lower, KEYWORDS)) for (const p of [ASSIGNMENT, QUOTED, COLON, FLAG, XML]) groupSpans(p, s, out);
  if (lower.includes("bearer") || lower.includes("basic")) groupSpans(BEARER, s, out);
  if (/\d{3}/.test(s)) {
    for (const m of s.matchAll(SSN)) out.push([m.index, m.index + m[0].length]);
    for (const m of s.matchAll(CARD))
      if (isCardNumber(m[0].replace(/\D/g, ""))) out.push([m.index, m.index + m[0].length]);
  }
  if (s.includes("\n")) out.push(...csvSecretSpans(s, isSensitiveName));
}

export const isSensitiveName = (key: string) =>
  SENSITIVE_KEY.test(key) || key.split(/[-_.\s]|(?<=[a-z])(?=[A-Z])/).some((w) => SENSITIVE_WORD.test(w));

/** Hex and base64 runs whose decoded text (or inflated gzip) holds a secret: the whole run. */
function encodedSpans(s: string, out: Span[], depth: number) {
  for (const m of s.matchAll(HEX_RUN)) {
    const texts = textsOf(hexBytes(m[0]));
    if (texts.some((t) => t && secretSpans(t, depth + 1).length)) out.push([m.index, m.index + m[0].length]);
  }
  for (const m of s.matchAll(BASE64_RUN)) {
    if (/^[0-9a-f]+$/i.test(m[0])) continue; // hex, read above
    if (base64Texts(m[0]).some((t) => secretSpans(t, depth + 1).length)) out.push([m.index, m.index + m[0].length]);
  }
}

function mapped(n: Normalised, offset: number, found: Span[], out: Span[]) {
  for (const [a, b] of found)
    if (b > a) {
      const [x, y] = originalSpan(n, a, b);
      out.push([x + offset, y + offset]);
    }
}

const identity = (s: string): Normalised => ({
  text: s,
  from: Array.from({ length: s.length }, (_, i) => i),
  to: Array.from({ length: s.length }, (_, i) => i + 1),
});

const BLOCK = 8192;

/**
 * The parts of a text to normalise, with their offsets: the whole of a short text; in a long one, the lines
 * that need it with a line of context either side (a long log with one accented name costs one line, not a copy).
 */
function normalisedBlocks(s: string): { offset: number; n: Normalised }[] {
  if (s.length <= BLOCK) {
    const n = normalise(s);
    return n ? [{ offset: 0, n }] : [];
  }
  if (!MIGHT_NORMALISE.test(s)) return [];
  const lines: [number, number, boolean][] = [];
  for (let i = 0; i <= s.length;) {
    const nl = s.indexOf("\n", i);
    const end = nl === -1 ? s.length : nl + 1;
    lines.push([i, end, MIGHT_NORMALISE.test(s.slice(i, end))]);
    if (nl === -1) break;
    i = end;
  }
  const blocks: { offset: number; n: Normalised }[] = [];
  for (let l = 0; l < lines.length; l++) {
    if (!lines[l][2]) continue;
    let last = l;
    while (last + 1 < lines.length && (lines[last + 1][2] || (last + 2 < lines.length && lines[last + 2][2]))) last++;
    const start = lines[Math.max(0, l - 1)][0];
    const end = lines[Math.min(lines.length - 1, last + 1)][1];
    const n = normalise(s.slice(start, end));
    if (n) blocks.push({ offset: start, n });
    l = last + 1;
  }
  return blocks;
}

/**
 * Where the secrets and personal numbers in a text are (merged, in order). Looks at the text as it is,
 * at its normalised copy (see normalise-text.ts), at that copy without spaces for prefixed tokens, and
 * inside hex, base64 and gzip runs (two levels deep).
 */
export function secretSpans(s: string, depth = 0): Span[] {
  if (UUID.test(s)) return []; // an id (actor, target, decision): hex digits only, and never a card number
  const out: Span[] = [];
  plainSpans(s, out);
  const blocks = normalisedBlocks(s);
  for (const { offset, n } of blocks) {
    const found: Span[] = [];
    plainSpans(n.text, found);
    mapped(n, offset, found, out);
  }
  const copies = [...blocks, { offset: 0, n: null }];
  for (const { offset, n } of copies) {
    const text = n ? n.text : s;
    if (!/\s/.test(text) || !SPACED_PREFIX.test(text)) continue;
    const flat = withoutSpaces(n ?? identity(s));
    if (!flat) continue;
    const found: Span[] = [];
    plainSpans(flat.text, found, true);
    mapped(flat, offset, found, out);
  }
  if (depth < 2) encodedSpans(s, out, depth);
  return merge(out);
}

function merge(spans: Span[]): Span[] {
  if (spans.length < 2) return spans;
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: Span[] = [[...spans[0]]];
  for (const [a, b] of spans.slice(1)) {
    const last = out[out.length - 1];
    if (a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}
