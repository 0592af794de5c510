import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/audit/canonical-json";

/** sha256 of the canonical arguments: key order never matters, any value change does. */
export function argumentsHash(args: unknown): string {
  return createHash("sha256")
    .update(canonicalJson(args ?? {}))
    .digest("hex");
}

const OBJECT_KEYS = ["object", "objectType", "sobject", "entity", "table", "resource"];
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

/** The object a call targets, when the arguments name one. */
export function targetObject(args: Record<string, unknown>): string | undefined {
  for (const k of OBJECT_KEYS) if (typeof args[k] === "string") return args[k] as string;
  return undefined;
}

/** The largest record count the call asks for, anywhere in its arguments. */
export function requestedCount(args: unknown): number | undefined {
  let max: number | undefined;
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v === null || typeof v !== "object") return;
    for (const [k, inner] of Object.entries(v)) {
      const n = typeof inner === "string" && /^\d+$/.test(inner) ? Number(inner) : inner;
      if (COUNT_KEYS.has(k.toLowerCase()) && typeof n === "number") max = Math.max(max ?? 0, n);
      else walk(inner);
    }
  };
  walk(args);
  return max;
}

/** A denied field named anywhere: as a key, or as a word inside a string value (e.g. a SOQL query). */
export function deniedFieldIn(args: unknown, denied: string[]): string | undefined {
  if (denied.length === 0) return undefined;
  const lower = denied.map((d) => d.toLowerCase());
  const inText = (s: string) =>
    lower.find((d) =>
      new RegExp(`(^|[^a-z0-9_])${d.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^a-z0-9_])`, "i").test(s),
    );
  let hit: string | undefined;
  const walk = (v: unknown) => {
    if (hit) return;
    if (typeof v === "string") hit = inText(v);
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

export type Operation = "read" | "query" | "write" | "delete" | "admin";

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
