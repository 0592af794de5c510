/**
 * Recognises secret values pasted where a vault reference belongs. It returns a reason naming the
 * kind of secret, never the value, so nothing rejected is echoed back or logged.
 */
const PATTERNS: [RegExp, string][] = [
  [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/, "an AWS access key ID"],
  [/\bgh[pousr]_[A-Za-z0-9]{30,}\b/, "a GitHub token"],
  [/\bgithub_pat_[A-Za-z0-9_]{30,}\b/, "a GitHub token"],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}\b/, "a Slack token"],
  [/\b(sk|rk)_(live|test)_[A-Za-z0-9]{16,}\b/, "a Stripe key"],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/, "a JWT"],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, "a private key"],
  [/\b(password|passwd|pwd|secret|api[_-]?key|token)\s*(=|:\s)\s*\S+/i, "a password or key assignment"],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, "a Google API key"],
  [/\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, "a URL with an embedded password"],
];

function shannonEntropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}

/** A long run without path separators and with near-random characters looks like key material. */
function highEntropyBlob(value: string): boolean {
  return value
    .split(/[\s/:.,;@#?&=]+/)
    .some((part) => part.length >= 32 && shannonEntropy(part) >= 4.2 && /\d/.test(part) && /[a-zA-Z]/.test(part));
}

export function detectSecret(value: string): string | null {
  for (const [pattern, what] of PATTERNS) if (pattern.test(value)) return what;
  if (highEntropyBlob(value)) return "a high-entropy string (key material)";
  return null;
}

export function secretMessage(what: string): string {
  return `This looks like ${what}, not a reference. Store the secret in your vault and enter its path, ARN or URI.`;
}
