/** One piece of text in a tool definition that a model reads, with where it sits. */
export type DefinitionText = { field: string; text: string };

// Keys whose strings are machine vocabulary, not prose a model reads as guidance.
const STRUCTURAL = new Set([
  "type",
  "format",
  "pattern",
  "$ref",
  "$schema",
  "$id",
  "contentEncoding",
  "contentMediaType",
]);
const MAX_DEPTH = 32;

function walk(value: unknown, field: string, out: DefinitionText[], depth: number, names = false) {
  if (depth > MAX_DEPTH) return;
  if (typeof value === "string") {
    if (value.trim()) out.push({ field, text: value });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, `${field}[${i}]`, out, depth + 1));
    return;
  }
  if (!value || typeof value !== "object") return;
  // Under `properties` the keys are parameter names: a parameter called "format" or "type" is read in full.
  for (const [key, v] of Object.entries(value)) {
    if (!names && (STRUCTURAL.has(key) || key === "required")) continue;
    walk(
      v,
      field ? `${field}.${key}` : key,
      out,
      depth + 1,
      !names && (key === "properties" || key === "patternProperties"),
    );
  }
}

/**
 * Every string a model may read in a tool definition, at any depth: description, title, every
 * parameter's description, enum and oneOf descriptions, defaults and examples, the output schema and
 * the annotations. Unknown members are included on purpose: a client may show them to the model.
 */
export function definitionTexts(definition: Record<string, unknown>): DefinitionText[] {
  const out: DefinitionText[] = [];
  for (const [key, value] of Object.entries(definition)) {
    if (key === "name") continue;
    walk(value, key, out, 0);
  }
  return out;
}
