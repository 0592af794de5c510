import type { z } from "zod";

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  valueType?: z.ZodType;
  items?: z.ZodType[];
  getter?: () => z.ZodType;
};

const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/**
 * Every path at which a schema takes text, read from the schema itself (objects, arrays, optionals,
 * defaults, preprocess pipes, unions, records): a field added to a schema is listed without anyone
 * remembering to. Array items are at index "0", record values under the key "k"; free-form JSON
 * (`z.unknown()`) is a text leaf too.
 */
export function stringPaths(schema: z.ZodType, seen = new Set<z.ZodType>()): string[][] {
  if (seen.has(schema)) return [];
  const def = defOf(schema);
  const inner = (s: z.ZodType | undefined, prefix: string[] = []) =>
    s ? stringPaths(s, new Set([...seen, schema])).map((p) => [...prefix, ...p]) : [];
  switch (def.type) {
    case "string":
    case "unknown":
    case "any":
      return [[]];
    case "object":
      return Object.entries(def.shape ?? {}).flatMap(([key, s]) => inner(s, [key]));
    case "array":
      return inner(def.element, ["0"]);
    case "tuple":
      return (def.items ?? []).flatMap((s, i) => inner(s, [String(i)]));
    case "record":
      return inner(def.valueType, ["k"]);
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
      return inner(def.innerType);
    case "pipe":
      // z.preprocess(fn, s) is transform -> s: the input shape is s's. s.transform(fn) is s -> transform.
      return defOf(def.in!).type === "transform" ? inner(def.out) : inner(def.in);
    case "union":
      return dedupe((def.options ?? []).flatMap((s) => inner(s)));
    case "intersection":
      return dedupe([...inner(def.left), ...inner(def.right)]);
    case "lazy":
      return inner(def.getter?.());
    default:
      return [];
  }
}

const dedupe = (paths: string[][]) => [...new Map(paths.map((p) => [p.join("."), p])).values()];

/** A JSON value with `leaf` at `path` (array indices make arrays), for placing one value in one field. */
export function placeAt(path: string[], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path;
  const inner = placeAt(rest, leaf);
  return head === "0" ? [inner] : { [head]: inner };
}
