/**
 * Deterministic JSON: object keys sorted, no whitespace, Dates as ISO strings, bigints as strings,
 * undefined members dropped. The same value always yields the same bytes, whatever the key order.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value));
}

function normalise(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, unknown>)[key];
      if (member === undefined) continue;
      // Assigning "__proto__" would set the prototype and drop the member, letting two different
      // argument sets share one hash: define it as the own property JSON.parse made it.
      if (key === "__proto__")
        Object.defineProperty(out, key, {
          value: normalise(member),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else out[key] = normalise(member);
    }
    return out;
  }
  if (typeof value === "number" && !Number.isFinite(value)) return null;
  return value;
}
