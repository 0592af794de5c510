/**
 * The one secret detector, for every field that holds a credential reference or a URL (credential
 * references, policy vault paths, server endpoints, SIEM forwarding targets, webhook URLs), and the
 * token patterns the redaction module masks. It returns a reason naming the kind of secret, never the
 * value, so nothing rejected is echoed back or logged.
 */

// Token shapes. Bounded by "not a letter or digit" rather than \b, so a token glued to text with an
// underscore (`aws_AKIA…`, `key_ghp_…`) is still found.
const edge = "(?<![A-Za-z0-9])";
const end = "(?![A-Za-z0-9])";
const tokens: [RegExp, string][] = [
  [new RegExp(`${edge}(AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}${end}`), "an AWS access key ID"],
  [new RegExp(`${edge}gh[pousr]_[A-Za-z0-9]{30,}${end}`), "a GitHub token"],
  [new RegExp(`${edge}github_pat_[A-Za-z0-9_]{30,}${end}`), "a GitHub token"],
  [new RegExp(`${edge}xox[abposr]-[A-Za-z0-9-]{10,}${end}`), "a Slack token"],
  [new RegExp(`${edge}(sk|rk|pk)_(live|test)_[A-Za-z0-9]{16,}${end}`), "a Stripe key"],
  [new RegExp(`${edge}sk-(proj-|ant-)?[A-Za-z0-9_-]{20,}${end}`), "an API secret key"],
  [new RegExp(`${edge}glpat-[A-Za-z0-9_-]{20,}${end}`), "a GitLab token"],
  [new RegExp(`${edge}wdn_[A-Za-z0-9_-]{20,}${end}`), "a Warden API token"],
  [/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, "a JWT"],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/, "a private key"],
  [new RegExp(`${edge}AIza[0-9A-Za-z_-]{35}${end}`), "a Google API key"],
];

/** The token shapes alone, for the redaction module to mask inside free text. */
export const TOKEN_PATTERNS: RegExp[] = tokens.map(([p]) => p);

const PATTERNS: [RegExp, string][] = [
  ...tokens,
  [/\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:[^/\s@]+@/i, "a URL with an embedded password"],
  [/\b(password|passwd|pwd|secret|api[_-]?key|token|access[_-]?key)\s*(=|:\s)\s*\S+/i, "a password or key assignment"],
  [/\b(password|passwd|pwd):\S+/i, "a password or key assignment"],
  // …/password/hunter2, …/pwd/…: a path segment named for a password, followed by its value.
  [/(^|[/:])(password|passwd|pwd|passphrase)\/[^/\s]+/i, "a password inside a path"],
];

function shannonEntropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}

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
