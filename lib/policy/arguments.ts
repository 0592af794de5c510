import { hashCanonical } from "@/lib/crypto/sha256";
import type { Operation } from "@/lib/schemas/grant";
import { parseQueryText, type ParsedQuery } from "./query-parse";

/** sha256 of the canonical arguments: key order never matters, any value change does. */
export function argumentsHash(args: unknown): string {
  return hashCanonical(args ?? {});
}

const OBJECT_KEYS = ["object", "objectType", "sobject", "entity", "table", "resource"];
/** Keys that only ever hold a query: what they hold must parse. */
const QUERY_KEYS = new Set(["sql", "soql"]);
/**
 * A string that might be a statement, whatever key holds it (`query`, `q`, free text): it is handed to
 * the parsers, and when they refuse it, the call cannot be checked. Detection only, never the check;
 * linear in the string's length (no backtracking pattern over untrusted text).
 */
function mightBeQuery(v: string): boolean {
  const select = v.search(/\bselect\b/i);
  if (select >= 0 && /\bfrom\b/i.test(v.slice(select))) return true;
  return /\bdelete\s+from\b|\binsert\s+into\b|\bupdate\s+\S+\s+set\b/i.test(v);
}
const COUNT_KEYS = new Set([
  "limit",
  "maxresults",
  "max_results",
  "maxrecords",
  "max_records",
  "count",
  "top",
  "pagesize",
  "page_size",
  "per_page",
  "first",
  "size",
]);

/** The reviewer's word on which argument (a dotted path) holds the object, the limit and the query. */
export type ArgumentMap = { object?: string | null; limit?: string | null; query?: string | null };

/** What a call's arguments say it touches: undefined where they do not say. */
export type CallTargets = {
  objects: string[] | undefined;
  count: number | undefined;
  /** parsed queries, and queries no parser accepted */
  queries: ParsedQuery[];
  unparsable: string[];
  /** the strings that held queries: checked by their parse, not by word search */
  queryTexts: Set<string>;
};

const at = (args: unknown, path: string): unknown =>
  path
    .split(".")
    .reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), args);

const asCount = (v: unknown) => (typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v);

/**
 * Reads the object(s), the record count and the queries of a call: first where the tool's reviewer
 * said they are, then in the usual argument names, then inside any query (parsed, never pattern-matched).
 */
export function callTargets(args: Record<string, unknown>, map: ArgumentMap = {}): CallTargets {
  const texts = new Set<string>();
  const collect = (v: unknown, key?: string): void => {
    if (typeof v === "string") {
      if ((key && QUERY_KEYS.has(key.toLowerCase())) || mightBeQuery(v)) texts.add(v);
    } else if (Array.isArray(v)) v.forEach((x) => collect(x, key));
    else if (v && typeof v === "object") for (const [k, inner] of Object.entries(v)) collect(inner, k);
  };
  // The reviewer's word is authoritative: with a named query argument, nothing else is taken for one.
  if (map.query) {
    const q = at(args, map.query);
    if (typeof q === "string") texts.add(q);
  } else collect(args);
  const queries: ParsedQuery[] = [];
  const unparsable: string[] = [];
  for (const t of texts) {
    const parsed = parseQueryText(t);
    if (parsed) queries.push(parsed);
    else unparsable.push(t);
  }

  const named = map.object ? at(args, map.object) : OBJECT_KEYS.map((k) => args[k]).find((v) => typeof v === "string");
  const namedObjects =
    typeof named === "string"
      ? [named]
      : Array.isArray(named) && named.every((x) => typeof x === "string")
        ? named
        : [];
  const objects = [...namedObjects, ...queries.flatMap((q) => q.objects)];

  const explicit = map.limit ? asCount(at(args, map.limit)) : requestedCount(args);
  const counts = [
    ...(typeof explicit === "number" ? [explicit] : []),
    ...queries.map((q) => (typeof explicit === "number" && q.limit === null ? explicit : q.limit)),
  ];
  const count =
    counts.length && counts.every((c) => typeof c === "number") ? Math.max(...(counts as number[])) : undefined;
  return {
    objects: objects.length ? objects : undefined,
    count,
    queries,
    unparsable,
    queryTexts: texts,
  };
}

/** The largest record count the call asks for, anywhere in its arguments. */
export function requestedCount(args: unknown): number | undefined {
  let max: number | undefined;
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v === null || typeof v !== "object") return;
    for (const [k, inner] of Object.entries(v)) {
      const n = asCount(inner);
      if (COUNT_KEYS.has(k.toLowerCase()) && typeof n === "number") max = Math.max(max ?? 0, n);
      else walk(inner);
    }
  };
  walk(args);
  return max;
}

/**
 * A denied field named anywhere: as a key, as a field of a parsed query, or as a word inside any
 * other string value (free text is searched conservatively: it may over-deny, never under-deny).
 */
export function deniedFieldIn(args: unknown, denied: string[], targets?: CallTargets): string | undefined {
  if (denied.length === 0) return undefined;
  const lower = denied.map((d) => d.toLowerCase());
  const fromQuery = targets?.queries
    .flatMap((q) => q.fields)
    .map((f) => f.toLowerCase().split(".").pop()!)
    .find((f) => lower.includes(f));
  if (fromQuery) return denied[lower.indexOf(fromQuery)];
  const inText = (s: string) =>
    lower.find((d) =>
      new RegExp(`(^|[^a-z0-9_])${d.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^a-z0-9_])`, "i").test(s),
    );
  let hit: string | undefined;
  const walk = (v: unknown) => {
    if (hit) return;
    if (typeof v === "string") hit = targets?.queryTexts.has(v) ? undefined : inText(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      for (const [k, inner] of Object.entries(v)) {
        if (lower.includes(k.toLowerCase())) hit = k.toLowerCase();
        walk(inner);
      }
    }
  };
  walk(args);
  return hit === undefined ? undefined : denied[lower.indexOf(hit)];
}

/** The operation a tool performs, from its annotations and its name. */
export function operationOf(tool: { name: string; annotations: unknown }): Operation {
  const a = (tool.annotations ?? {}) as { readOnlyHint?: boolean; destructiveHint?: boolean };
  const name = tool.name.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase();
  if (/(^|_)(grant|permission|admin|role|impersonate)s?(_|$)/.test(name)) return "admin";
  if (/(^|_)(delete|remove|drop|destroy|purge|truncate|terminate)(_|$)/.test(name)) return "delete";
  if (a.readOnlyHint === true) return /(^|_)(query|search)(_|$)/.test(name) ? "query" : "read";
  if (a.destructiveHint === true) return "delete";
  if (/(^|_)(query|search)(_|$)/.test(name)) return "query";
  if (/(^|_)(get|list|read|describe|fetch|lookup|find|show|export)(_|$)/.test(name)) return "read";
  return "write";
}

/** "query" is a read: a grant of either covers both. */
export function operationAllowed(op: Operation, allowed: string[]): boolean {
  if (allowed.includes(op)) return true;
  return (op === "read" || op === "query") && (allowed.includes("read") || allowed.includes("query"));
}

export function toolMatches(pattern: string, tool: string): boolean {
  if (!pattern.includes("*")) return pattern === tool;
  const re = new RegExp(
    `^${pattern
      .split("*")
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
  return re.test(tool);
}
