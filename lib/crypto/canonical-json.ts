import { AppError } from "@/lib/errors";

/** Above any document Warden accepts (64 levels) plus its records' wrapping; deeper input is refused, not walked. */
export const MAX_CANONICAL_DEPTH = 128;

/**
 * Deterministic JSON: object keys sorted, no whitespace, Dates as ISO strings, bigints as strings,
 * undefined members dropped. The same value always yields the same bytes, whatever the key order.
 * Written straight to a string in one walk (no sorted copy of the value): audit hashing runs it on
 * every ingested record.
 */
export function canonicalJson(value: unknown): string {
  return write(value, 0) ?? "null";
}

/** A value's canonical text, or undefined where JSON leaves it out (an object member that is a function or symbol). */
function write(value: unknown, depth: number): string | undefined {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? JSON.stringify(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return JSON.stringify(value.toString());
    case "undefined":
      return "null";
    case "function":
    case "symbol":
      return undefined;
  }
  if (value === null) return "null";
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (depth >= MAX_CANONICAL_DEPTH)
    throw new AppError("BAD_REQUEST", `The document is nested more than ${MAX_CANONICAL_DEPTH} levels deep`);
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) out += `${i ? "," : ""}${write(value[i], depth + 1) ?? "null"}`;
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  let out = "{";
  for (const key of sortedKeys(object)) {
    const member = object[key];
    if (member === undefined) continue;
    const text = write(member, depth + 1);
    if (text === undefined) continue;
    out += `${out.length > 1 ? "," : ""}${JSON.stringify(key)}:${text}`;
  }
  return `${out}}`;
}

/** An object's keys in code-unit order; only sorted when they are not in that order already (records built in order). */
function sortedKeys(object: object): string[] {
  const keys = Object.keys(object);
  for (let i = 1; i < keys.length; i++) if (keys[i - 1] > keys[i]) return keys.sort();
  return keys;
}
