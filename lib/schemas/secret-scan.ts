import { findSecret, findToken, secretFieldMessage, type SecretFinding } from "@/lib/redaction/find-secret";

/** Where a secret sits in a JSON document: the field's dotted path, and what it looks like. */
export type SecretInJson = { path: string; kind: string; message: string };

/**
 * Fields a route takes secret values in by design, each with the reason it is safe (a password that is
 * only ever hashed; a tool call that the audit redaction module masks). `all`: the whole body.
 * `tokensOnly`: every field, but for token shapes only (third-party text kept exactly as written).
 */
export type SecretExemptions = Readonly<Record<string, string>> | { all: string } | { tokensOnly: string };

const exempt = (exemptions: SecretExemptions | undefined, top: string) =>
  !!exemptions && !("tokensOnly" in exemptions) && ("all" in exemptions || Object.hasOwn(exemptions, top));

const MAX_REPORTED = 20;

/**
 * Walks an untrusted JSON document (iteratively: its depth is bounded by jsonProblem already, the walk
 * is not) and returns each string value, or object key, that holds a secret (at most 20), in document
 * order. Every field of every object is looked at, known to the schema or not, so a new field cannot
 * be forgotten.
 */
export function findSecretsInJson(value: unknown, exemptions?: SecretExemptions): SecretInJson[] {
  const found: SecretInJson[] = [];
  const check: (s: string) => SecretFinding | null = exemptions && "tokensOnly" in exemptions ? findToken : findSecret;
  const stack: [unknown, string[]][] = [[value, []]];
  while (stack.length > 0 && found.length < MAX_REPORTED) {
    const [v, path] = stack.pop()!;
    if (path.length > 0 && exempt(exemptions, path[0])) continue;
    if (typeof v === "string") {
      const secret = check(v);
      if (secret)
        found.push({ path: path.join(".") || "_", kind: secret.kind, message: secretFieldMessage(secret.kind) });
      continue;
    }
    if (v === null || typeof v !== "object") continue;
    const entries = Array.isArray(v) ? v.map((item, i) => [String(i), item] as const) : Object.entries(v);
    for (const [key] of entries) {
      if (!Array.isArray(v) && !(path.length === 0 && exempt(exemptions, key))) {
        const inKey = check(key);
        // The key itself is the secret: name where it sits, never the key.
        if (inKey)
          found.push({
            path: path.join(".") || "_",
            kind: inKey.kind,
            message: `A key here contains ${inKey.kind}. Warden never stores secret values.`,
          });
      }
    }
    // Pushed in reverse, so the walk (and the report) follows the document's order.
    for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i][1], [...path, entries[i][0]]]);
  }
  return found;
}
