const SENSITIVE_KEY =
  /pass(word|phrase)?|secret|token|api[-_]?key|authorization|credential|private[-_]?key|ssn|card[-_]?number|cvv/i;

export const REDACTED = "[REDACTED]";

/** Replaces the values of sensitive-looking keys (and any extra names given) before they are stored. */
export function redact<T>(value: T, extraKeys: readonly string[] = []): T {
  const extra = new Set(extraKeys.map((k) => k.toLowerCase()));
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== "object" || v instanceof Date) return v;
    return Object.fromEntries(
      Object.entries(v).map(([k, inner]) =>
        SENSITIVE_KEY.test(k) || extra.has(k.toLowerCase()) ? [k, REDACTED] : [k, walk(inner)],
      ),
    );
  };
  return walk(value) as T;
}
