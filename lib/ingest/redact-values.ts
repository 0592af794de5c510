import { redact, REDACTED } from "@/lib/audit/redact";

const SSN = /\b\d{3}-\d{2}-\d{4}\b/g;
const CARD = /\b\d(?:[ -]?\d){12,18}\b/g;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

function maskString(s: string): string {
  return s.replace(SSN, REDACTED).replace(CARD, (m) => (luhn(m.replace(/\D/g, "")) ? REDACTED : m));
}

/**
 * Redacts what must never be stored: values under sensitive keys (password, token, secret, ssn,
 * card number, and the server's denied fields) and SSN- or card-number-shaped strings anywhere.
 */
export function redactArguments(value: unknown, deniedFields: string[]): unknown {
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return maskString(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, walk(inner)]));
    return v;
  };
  return walk(redact(value, deniedFields));
}
