import { AppError } from "@/lib/errors";

/** Above any document Warden accepts (64 levels) plus its records' wrapping; deeper input is refused, not walked. */
export const MAX_CANONICAL_DEPTH = 128;

/**
 * Deterministic JSON: object keys sorted, no whitespace, Dates as ISO strings, bigints as strings,
 * undefined members dropped. The same value always yields the same bytes, whatever the key order.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value, 0));
}

function normalise(value: unknown, depth: number): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "object" && depth >= MAX_CANONICAL_DEPTH)
    throw new AppError("BAD_REQUEST", `The document is nested more than ${MAX_CANONICAL_DEPTH} levels deep`);
  if (Array.isArray(value)) return value.map((v) => normalise(v, depth + 1));
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, unknown>)[key];
      if (member === undefined) continue;
      // Assigning "__proto__" would set the prototype and drop the member, letting two different
      // argument sets share one hash: define it as the own property JSON.parse made it.
      if (key === "__proto__")
        Object.defineProperty(out, key, {
          value: normalise(member, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else out[key] = normalise(member, depth + 1);
    }
    return out;
  }
  if (typeof value === "number" && !Number.isFinite(value)) return null;
  return value;
}
