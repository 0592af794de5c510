import { gzipSync } from "node:zlib";

/**
 * One secret of each class the redaction module promises to mask, and the disguises an attacker (or a
 * careless client) wraps them in. Assembled at run time from a seeded generator, so no secret-shaped
 * literal sits in the repository and a failure replays. `core` is what must never be stored or returned.
 */
export type SecretSample = { name: string; text: string; core: string };

function generator(seed: number) {
  let x = seed >>> 0 || 1;
  return (n: number, chars: string) =>
    Array.from({ length: n }, () => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return chars[(x >>> 0) % chars.length];
    }).join("");
}

const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";
const ALNUM = UPPER + LOWER + DIGITS;

/** A 40-character AWS secret access key with upper, lower, digits, "/" and "+" (as real ones nearly always have). */
function awsSecretKey(rnd: ReturnType<typeof generator>): string {
  for (;;) {
    const k = rnd(40, ALNUM + "+/");
    if (/[A-Z]/.test(k) && /[a-z]/.test(k) && /\d/.test(k) && /\//.test(k) && /\+/.test(k) && !/^[+/]|[+/]$/.test(k))
      return k;
  }
}

function luhnComplete(prefix: string): string {
  for (let d = 0; d < 10; d++) {
    const n = prefix + d;
    let sum = 0;
    for (let i = 0; i < n.length; i++) {
      let v = Number(n[n.length - 1 - i]);
      if (i % 2 === 1) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
      sum += v;
    }
    if (sum % 10 === 0) return n;
  }
  throw new Error("unreachable");
}

/** The plain secrets: text as it would be written, core the part that must not survive. */
export function secretClasses(seed = 7): SecretSample[] {
  const rnd = generator(seed);
  const pemBody = Array.from({ length: 4 }, () => rnd(64, ALNUM + "+/")).join("\n");
  const card = luhnComplete("4" + rnd(14, DIGITS));
  const ssn = `${rnd(1, "1234567")}${rnd(2, DIGITS)}-${rnd(2, "123456789")}-${rnd(4, "123456789")}`;
  const aws = awsSecretKey(rnd);
  const pw = "Hx" + rnd(12, ALNUM);
  const tokens: [string, string][] = [
    ["AWS access key ID", "AKIA" + rnd(16, UPPER + "234567")],
    ["GitHub token", "ghp_" + rnd(36, ALNUM)],
    ["GitHub fine-grained token", "github_pat_" + rnd(40, ALNUM)],
    ["Slack token", "xoxb-" + rnd(12, DIGITS) + "-" + rnd(24, ALNUM)],
    ["Stripe key", "sk_live_" + rnd(24, ALNUM)],
    ["API secret key", "sk-proj-" + rnd(32, ALNUM)],
    ["GitLab token", "glpat-" + rnd(20, ALNUM)],
    ["Warden token", "wdn_" + rnd(32, ALNUM)],
    ["Warden agent credential", "wag_" + rnd(43, ALNUM + "-_")],
    ["Google API key", "AIza" + rnd(35, ALNUM)],
    ["JWT", `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOi${rnd(20, ALNUM)}.${rnd(43, ALNUM)}`],
  ];
  return [
    ...tokens.map(([name, t]) => ({ name, text: t, core: t })),
    { name: "AWS secret access key", text: aws, core: aws },
    {
      name: "PEM private key after Bearer",
      text: `Bearer -----BEGIN RSA PRIVATE KEY-----\n${pemBody}\n-----END RSA PRIVATE KEY-----`,
      core: pemBody,
    },
    { name: "PEM private key cut short", text: `key: -----BEGIN PRIVATE KEY-----\n${pemBody}`, core: pemBody },
    { name: "password assignment", text: `password=${pw}`, core: pw },
    { name: "db_pass key", text: `db_pass: ${pw}`, core: pw },
    { name: "env password", text: `PGPASSWORD=${pw}`, core: pw },
    { name: "URL with a password", text: `postgres://app:${pw}@db.internal/app`, core: pw },
    { name: "bearer token", text: `Authorization: Bearer ${pw}${pw}`, core: pw + pw },
    { name: "CSV password column", text: `user,password,team\nalice,${pw},ops\nbob,${pw}Z,dev`, core: pw },
    { name: "SSN", text: ssn, core: ssn },
    { name: "dotted SSN", text: ssn.replaceAll("-", "."), core: ssn.replaceAll("-", ".") },
    { name: "card number", text: card, core: card },
    { name: "card number with dots", text: card.match(/.{1,4}/g)!.join("."), core: card.match(/.{1,4}/g)!.join(".") },
  ];
}

const fullwidth = (s: string) =>
  [...s].map((c) => (c >= "!" && c <= "~" ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join("");

/** The disguises: each turns a sample's text into another spelling of the same secret. */
export const DISGUISES: Record<string, (s: string) => string> = {
  plain: (s) => s,
  lowercase: (s) => s.toLowerCase(),
  uppercase: (s) => s.toUpperCase(),
  fullwidth,
  spaced: (s) => [...s].join(" "),
  "zero-width split": (s) => [...s].join("\u200b"),
  "word joiner split": (s) => [...s].join("\u2060"),
  hex: (s) => Buffer.from(s).toString("hex"),
  base64: (s) => Buffer.from(s).toString("base64"),
  base64url: (s) => Buffer.from(s).toString("base64url"),
  "gzip base64": (s) => gzipSync(Buffer.from(s)).toString("base64"),
  "percent-encoded": (s) => [...Buffer.from(s)].map((b) => "%" + b.toString(16).padStart(2, "0")).join(""),
  "in a sentence": (s) => `the value was ${s} yesterday`,
};

/**
 * Forms of the core that must not appear where a disguised sample was stored: the core as written, case-folded,
 * and in the same disguise (hex of the core, …). Case-folded cores are only checked for cores whose case
 * carries no meaning for a reader (digits and separators).
 */
export function leakForms(core: string, disguise: string): string[] {
  const d = DISGUISES[disguise];
  const forms = new Set([core, core.toLowerCase(), core.toUpperCase()]);
  if (!["plain", "lowercase", "uppercase", "in a sentence", "gzip base64"].includes(disguise)) forms.add(d(core));
  // Long cores: any 16-character piece of them is a leak (a cut secret is still a secret).
  const out = [...forms].filter((f) => f.length >= 4);
  for (const f of [...out]) if (f.length > 24) for (let i = 0; i + 16 <= f.length; i += 8) out.push(f.slice(i, i + 16));
  return out;
}
