/**
 * Deterministic JSON: object keys sorted, no whitespace, Dates as ISO strings, bigints as strings,
 * undefined members dropped. The same value always yields the same bytes, whatever the key order.
 *
 * The text is written directly rather than through an intermediate object, so every own key counts,
 * including "__proto__" (assigning it to a plain object would set the prototype and drop the member,
 * letting two different argument sets share one hash).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === "bigint") return JSON.stringify(value.toString());
  if (typeof value === "number") return Number.isFinite(value) ? JSON.stringify(value) : "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const members: string[] = [];
    for (const key of orderedKeys(value)) {
      const member = (value as Record<string, unknown>)[key];
      if (member !== undefined && typeof member !== "function" && typeof member !== "symbol") members.push(`${JSON.stringify(key)}:${canonicalJson(member)}`);
    }
    return `{${members.join(",")}}`;
  }
  if (typeof value === "function" || typeof value === "symbol") return "null";
  return JSON.stringify(value);
}

const ARRAY_INDEX = /^(0|[1-9]\d{0,9})$/;

/**
 * Sorted keys, array-index keys first in numeric order: the order JSON.stringify gave the earlier
 * implementation's sorted object, kept so chains written before stay verifiable.
 */
function orderedKeys(value: object): string[] {
  const keys = Object.keys(value).sort();
  const isIndex = (k: string) => ARRAY_INDEX.test(k) && Number(k) < 4294967295;
  const indices = keys.filter(isIndex).sort((a, b) => Number(a) - Number(b));
  return indices.length === 0 ? keys : [...indices, ...keys.filter((k) => !isIndex(k))];
}
