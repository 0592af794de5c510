/**
 * The one secret detector, for every field that holds a credential reference or a URL (credential
 * references, policy vault paths, server endpoints, SIEM forwarding targets, webhook URLs), and the
 * token patterns the redaction module masks. It returns a reason naming the kind of secret, never the
 * value, so nothing rejected is echoed back or logged.
 */

// Token shapes. Bounded by "not a letter or digit" rather than \b, so a token glued to text with an
// underscore (`aws_AKIA…`, `key_ghp_…`) is still found. Case-insensitive wherever the shape's own
// alphabet allows it, so a token written in lower or upper case (`akia…`, `GHP_…`) is still found.
const edge = "(?<![A-Za-z0-9])";
const end = "(?![A-Za-z0-9])";
const b64 = "A-Za-z0-9+/";

function shannonEntropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}

/**
 * A bare AWS secret access key: 40 characters of the base64 alphabet, nothing else of it on either side,
 * that look random. Hex (git SHAs, sha256 prefixes) can never pass: 16 symbols carry at most 4 bits, while
 * a random key carries more than 4.2 in all but 3 of 100,000 draws. Mixed case needs upper, lower and a
 * digit or "+" or "/"; a case-folded key (all lower or all upper) needs a digit and a "+" or "/" (at most
 * three "/", so a path is not taken for one) and a little less entropy.
 */
export function looksLikeAwsSecretKey(s: string): boolean {
  const h = shannonEntropy(s);
  if (/[a-z]/.test(s) && /[A-Z]/.test(s)) return /[\d+/]/.test(s) && h > 4.2;
  return /\d/.test(s) && /[a-z]/i.test(s) && /[+/]/.test(s) && (s.match(/\//g)?.length ?? 0) <= 3 && h > 3.7;
}

/** A token shape, what it is called in a rejection, and (for shapes a regex alone can't tell) a check of the match. */
export type TokenShape = { pattern: RegExp; what: string; accept?: (match: string) => boolean };

export const TOKEN_SHAPES: TokenShape[] = [
  { pattern: new RegExp(`${edge}(AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}${end}`, "i"), what: "an AWS access key ID" },
  {
    pattern: new RegExp(`(?<![${b64}])[${b64}]{40}(?![${b64}=])`),
    what: "an AWS secret access key",
    accept: looksLikeAwsSecretKey,
  },
  { pattern: new RegExp(`${edge}gh[pousr]_[A-Za-z0-9]{30,}${end}`, "i"), what: "a GitHub token" },
  { pattern: new RegExp(`${edge}github_pat_[A-Za-z0-9_]{30,}${end}`, "i"), what: "a GitHub token" },
  { pattern: new RegExp(`${edge}xox[abposr]-[A-Za-z0-9-]{10,}${end}`, "i"), what: "a Slack token" },
  { pattern: new RegExp(`${edge}(sk|rk|pk)_(live|test)_[A-Za-z0-9]{16,}${end}`, "i"), what: "a Stripe key" },
  { pattern: new RegExp(`${edge}sk-(proj-|ant-)?[A-Za-z0-9_-]{20,}${end}`, "i"), what: "an API secret key" },
  { pattern: new RegExp(`${edge}glpat-[A-Za-z0-9_-]{20,}${end}`, "i"), what: "a GitLab token" },
  { pattern: new RegExp(`${edge}wdn_[A-Za-z0-9_-]{20,}${end}`, "i"), what: "a Warden API token" },
  { pattern: new RegExp(`${edge}wag_[A-Za-z0-9_-]{20,}${end}`, "i"), what: "a Warden agent credential" },
  { pattern: /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/i, what: "a JWT" },
  // The whole block, whatever comes before it; one cut short (no END line) runs to the end of the text.
  {
    pattern: /-----\s*BEGIN[^-\n]*PRIVATE\s*KEY[^-\n]*-----[\s\S]*?(?:-----\s*END[^-\n]*PRIVATE\s*KEY[^-\n]*-----|$)/i,
    what: "a private key",
  },
  { pattern: new RegExp(`${edge}AIza[0-9A-Za-z_-]{35}${end}`, "i"), what: "a Google API key" },
];

/**
 * The token shapes a regex alone tells (a prefix, a structure): not the bare AWS secret access key, which
 * needs its check (looksLikeAwsSecretKey) and is a heuristic, like the detector's key-material rules.
 * The redaction module uses TOKEN_SHAPES, checks and all.
 */
export const TOKEN_PATTERNS: RegExp[] = TOKEN_SHAPES.filter((t) => !t.accept).map((t) => t.pattern);

const tokenMatch = (value: string) =>
  TOKEN_SHAPES.find(({ pattern, accept }) => {
    if (!accept) return pattern.test(value);
    const all = new RegExp(pattern.source, pattern.flags.replace("g", "") + "g");
    return [...value.matchAll(all)].some((m) => accept(m[0]));
  })?.what ?? null;

// What an assignment's value must not be for it to count: a setting (`dynamic_secret: false`,
// `token_ttl = 3600`), an empty or null value. Warden's own policy YAML is full of such lines.
const NOT_A_VALUE = String.raw`(?!["']?(?:true|false|null|none|nil|yes|no)["']?(?:[\s,;}\]]|$))(?!["']{2})`;

const PATTERNS: [RegExp, string][] = [
  [/\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:[^/\s@]+@/i, "a URL with an embedded password"],
  [
    new RegExp(
      String.raw`\b(?:[a-z0-9]+[-_.])*(password|passwd|passphrase|pwd|pass|secret|api[_-]?key|token|access[_-]?key)\s*(=|:\s)\s*` +
        NOT_A_VALUE +
        String.raw`\S+`,
      "i",
    ),
    "a password or key assignment",
  ],
  [
    new RegExp(String.raw`\b(?:[a-z0-9]+[-_.])*(password|passwd|pwd|pass):` + NOT_A_VALUE + String.raw`\S+`, "i"),
    "a password or key assignment",
  ],
  // …/password/hunter2, …/pwd/…: a path segment named for a password, followed by its value.
  [/(^|[/:])(password|passwd|pwd|passphrase)\/[^/\s]+/i, "a password inside a path"],
];

const classes = (s: string) => [/[a-z]/, /[A-Z]/, /\d/].filter((c) => c.test(s)).length;

/** A long run without path separators and with near-random characters looks like key material. */
function keyMaterial(value: string): string | null {
  // Long hex (API keys, HMAC secrets): 32+ hex digits in a row, not part of a longer word.
  if (/(?<![A-Za-z0-9])[0-9a-f]{32,}(?![A-Za-z0-9])/i.test(value)) return "a long hexadecimal key";
  // Base64 and base64url keys, and the 40-character AWS secret access key (which contains "/" and "+").
  // In a URL, "/" separates path segments; elsewhere it may be part of the key.
  const separators = value.includes("://") ? /[\s:.,;@#?&=/]+/ : /[\s:.,;@#?&=]+/;
  for (const part of value.split(separators)) {
    const b64 = /^[A-Za-z0-9+/]{40,}={0,2}$/.test(part) || /^[A-Za-z0-9_-]{40,}={0,2}$/.test(part);
    if (b64 && classes(part) === 3 && shannonEntropy(part) >= 4.3) return "a base64 key (key material)";
  }
  const blob = value
    .split(/[\s/:.,;@#?&=]+/)
    .some((part) => part.length >= 32 && shannonEntropy(part) >= 4.2 && /\d/.test(part) && /[a-zA-Z]/.test(part));
  return blob ? "a high-entropy string (key material)" : null;
}

export function detectSecret(value: string): string | null {
  const token = tokenMatch(value);
  if (token) return token;
  for (const [pattern, what] of PATTERNS) if (pattern.test(value)) return what;
  return keyMaterial(value);
}

export function secretMessage(what: string): string {
  return `This looks like ${what}, not a reference. Store the secret in your vault and enter its path, ARN or URI.`;
}

/** For URL fields (endpoints, SIEM targets, webhooks): the same detector, a message about URLs. */
export function urlSecretMessage(what: string): string {
  return `This URL contains ${what}. Keep credentials in a vault reference, not in the URL.`;
}
