import path from "node:path";
import type { ArgumentRule } from "@/lib/schemas/argument-rule";
import { toolMatches } from "./arguments";
import type { Resolution } from "./real-path";
import { parseQueryText } from "./query-parse";

/**
 * Resolves an absolute path as the file system will (see lib/policy/real-path.ts), or says why it
 * cannot. Only a process beside the files can answer: the gateway passes one, Warden's decision API
 * does not, and there a path rule is checked on the normalised path alone.
 */
export type PathResolver = (absolute: string, opts?: { followEquivalent?: boolean }) => Resolution;

/**
 * `relativeBases`: the directories the server itself takes a relative path against (the MCP roots it
 * was given: server-filesystem tries each in turn). A relative path must stay inside the rule's roots
 * taken against each of them too, not only against the rule's base. Null: the server took no roots, so it
 * takes a relative path against directories of its own, and a relative path is refused.
 */
export type RuleContext = { resolve?: PathResolver; relativeBases?: readonly string[] | null };
export type RuleTool = { name: string; inputKeys?: readonly string[] };
export type Violation = [rule: string, reason: string];

const MAX_CHECKED_VALUE = 10_000;
type PathRule = Extract<ArgumentRule, { kind: "path" }>;

const at = (args: unknown, dotted: string): unknown =>
  dotted
    .split(".")
    .reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), args);

/** A rule covers a tool it names whose reviewed schema declares, or whose call sends, one of its arguments. */
function covers(rule: ArgumentRule, tool: RuleTool, args: Record<string, unknown>): boolean {
  if (rule.tools && !rule.tools.some((p) => toolMatches(p, tool.name))) return false;
  return rule.arguments.some((a) => tool.inputKeys?.includes(a.split(".")[0]) || at(args, a) !== undefined);
}

// Compiled once per rule object: a bundle's rules are checked on every call.
const compiled = new WeakMap<ArgumentRule, RegExp | Set<string> | string[]>();

const insideRoot = (p: string, root: string) => p === root || p.startsWith(root === "/" ? "/" : `${root}/`);
const trimSlash = (p: string) => (p.length > 1 ? p.replace(/\/+$/, "") : p);

const absoluteOf = (rule: PathRule, value: string) =>
  value.startsWith("/") ? path.posix.normalize(value) : rule.base ? path.posix.join(rule.base, value) : null;

/**
 * The spellings of a path to resolve: the normalised one (what a server that normalises opens) and,
 * when it holds `..` or `.`, the one as sent (the kernel takes `..` after a symlink physically).
 */
function spellingsOf(rule: PathRule, value: string, absolute: string): string[] {
  const raw = value.startsWith("/") ? value : `${rule.base}/${value}`;
  return /(^|\/)\.\.?(\/|$)/.test(raw) ? [absolute, raw] : [absolute];
}

/** Every spelling of every path the path rules among `rules` read in this call (for a check after it). */
export function pathArguments(
  rules: readonly ArgumentRule[],
  tool: RuleTool,
  args: Record<string, unknown>,
  relativeBases: readonly string[] = [],
): string[] {
  const out = new Set<string>();
  for (const rule of rules) {
    if (rule.kind !== "path" || !covers(rule, tool, args)) continue;
    for (const name of rule.arguments) {
      const value = at(args, name);
      for (const v of Array.isArray(value) ? value : [value]) {
        if (typeof v !== "string") continue;
        const bases = v.startsWith("/") || !rule.base ? [rule.base] : [rule.base, ...relativeBases];
        for (const base of bases) {
          const r = { ...rule, base };
          const absolute = absoluteOf(r, v);
          if (absolute) for (const s of spellingsOf(r, v, absolute)) out.add(s);
        }
      }
    }
  }
  return [...out];
}

function checkPath(rule: PathRule, value: string, ctx: RuleContext): Violation | null {
  // The server took no roots from the gateway: it resolves a relative path against directories of its
  // own configuration, which the rule's base may not match (then `private/x` would be checked as
  // `public/private/x` and opened as `private/x`). Only an absolute path means one thing to both.
  if (ctx.relativeBases === null && !value.startsWith("/"))
    return [
      "arguments_unverifiable",
      `the path ${JSON.stringify(value)} is relative, and this server took no MCP roots from the gateway, so what it resolves it against is unknown: send an absolute path`,
    ];
  const violation = checkPathFrom(rule, value, ctx);
  if (violation || value.startsWith("/") || !rule.base) return violation;
  for (const base of ctx.relativeBases ?? []) {
    if (base === rule.base) continue;
    const other = checkPathFrom({ ...rule, base }, value, ctx);
    if (other)
      return [other[0], `${other[1]}, taken against ${base}, one of the server's roots: send an absolute path`];
  }
  return null;
}

function checkPathFrom(rule: PathRule, value: string, ctx: RuleContext): Violation | null {
  const roots =
    (compiled.get(rule) as string[] | undefined) ?? rule.roots.map((r) => trimSlash(path.posix.normalize(r)));
  compiled.set(rule, roots);
  if (value.includes("\0") || value.startsWith("~") || /^[A-Za-z]:/.test(value))
    return ["arguments_unverifiable", `the path ${JSON.stringify(value)} cannot be checked against the allowed roots`];
  const absolute = absoluteOf(rule, value);
  if (!absolute)
    return ["arguments_unverifiable", `the path ${JSON.stringify(value)} is relative, and the rule has no base`];
  const shown = roots.join(", ");
  if (!roots.some((r) => insideRoot(trimSlash(absolute), r)))
    return ["path_not_allowed", `the path ${value} is outside the allowed roots (${shown})`];
  if (ctx.resolve) {
    // Roots are an admin's words: an equivalent spelling of one on disk is taken as meant.
    const realRoots = roots.flatMap((r) => {
      const resolved = ctx.resolve!(r, { followEquivalent: true });
      return "real" in resolved ? [resolved.real] : [];
    });
    for (const spelling of spellingsOf(rule, value, absolute)) {
      const resolved = ctx.resolve(spelling);
      if ("unresolved" in resolved)
        return ["arguments_unverifiable", `the path ${value} could not be resolved: ${resolved.unresolved}`];
      if (!realRoots.some((r) => insideRoot(resolved.real, r)))
        return ["path_not_allowed", `the path ${value} leads through a symlink outside the allowed roots (${shown})`];
    }
  }
  return null;
}

const DEFAULT_PORT: Record<string, string> = { "https:": "443", "http:": "80" };

function hostAllowed(entry: string, url: URL): boolean {
  const portAt = entry.startsWith("[") ? entry.indexOf("]:") + 1 : entry.lastIndexOf(":");
  const [host, port] = portAt > 0 ? [entry.slice(0, portAt), entry.slice(portAt + 1)] : [entry, ""];
  const actualPort = url.port || DEFAULT_PORT[url.protocol];
  if ((port || DEFAULT_PORT[url.protocol]) !== actualPort) return false;
  const name = url.hostname.toLowerCase();
  return host.startsWith("*.") ? name.endsWith(host.slice(1)) && name.length > host.length - 1 : name === host;
}

/** Whether a URL passes a url rule (its schemes and egress allow-list); the violation when it does not. */
export function checkUrl(rule: Extract<ArgumentRule, { kind: "url" }>, value: string): Violation | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return ["arguments_unverifiable", `${JSON.stringify(value.slice(0, 200))} is not a URL`];
  }
  const scheme = url.protocol.slice(0, -1);
  if (!(rule.schemes as string[]).includes(scheme))
    return ["url_not_allowed", `${scheme}: URLs are not allowed (${rule.schemes.join(", ")})`];
  if (scheme === "data") return null;
  if (url.username || url.password) return ["url_not_allowed", `a URL may not carry credentials`];
  if (!rule.hosts.some((h) => hostAllowed(h, url)))
    return ["url_not_allowed", `${url.host} is not on the egress allow-list (${rule.hosts.join(", ")})`];
  return null;
}

function checkQuery(rule: Extract<ArgumentRule, { kind: "query" }>, value: string): Violation | null {
  const q = parseQueryText(value);
  if (!q) return ["arguments_unverifiable", `the query could not be parsed, so the rule cannot check it`];
  const outside =
    rule.objects && q.objects.find((o) => !rule.objects!.some((a) => a.toLowerCase() === o.toLowerCase()));
  if (outside) return ["object_not_allowed", `the query touches ${outside}, outside ${rule.objects!.join(", ")}`];
  const denied = (rule.denied_fields ?? []).map((f) => f.toLowerCase());
  const field = q.fields.find((f) => denied.includes(f.toLowerCase().split(".").pop()!));
  if (field) return ["denied_field", `the query names the denied field ${field}`];
  if (denied.length && q.allFields)
    return [
      "arguments_unverifiable",
      `the query asks for every field, and ${rule.denied_fields!.join(", ")} are denied`,
    ];
  if (rule.max_limit !== undefined && (q.limit === null || q.limit > rule.max_limit))
    return [
      "record_limit",
      q.limit === null
        ? `the query sets no LIMIT (at most ${rule.max_limit})`
        : `LIMIT ${q.limit} is above ${rule.max_limit}`,
    ];
  return null;
}

function checkValue(rule: ArgumentRule, name: string, value: unknown, ctx: RuleContext): Violation | null {
  if (Array.isArray(value)) {
    for (const v of value) {
      const violation = checkValue(rule, name, v, ctx);
      if (violation) return violation;
    }
    return value.length ? null : ["arguments_unverifiable", `${name} is an empty list`];
  }
  const scalar = typeof value === "number" || typeof value === "boolean";
  if (
    (typeof value !== "string" && !(scalar && (rule.kind === "enum" || rule.kind === "pattern"))) ||
    String(value).length > MAX_CHECKED_VALUE
  )
    return ["arguments_unverifiable", `${name} is not a value the ${rule.kind} rule can check`];
  const s = String(value);
  switch (rule.kind) {
    case "path":
      return checkPath(rule, s, ctx);
    case "url":
      return checkUrl(rule, s);
    case "query":
      return checkQuery(rule, s);
    case "enum": {
      const values = (compiled.get(rule) as Set<string> | undefined) ?? new Set(rule.values);
      compiled.set(rule, values);
      return values.has(s)
        ? null
        : ["argument_not_allowed", `${name} may be ${rule.values.join(", ")}, not ${s.slice(0, 100)}`];
    }
    case "pattern": {
      const re = (compiled.get(rule) as RegExp | undefined) ?? new RegExp(`^(?:${rule.pattern})$`, "u");
      compiled.set(rule, re);
      return re.test(s) ? null : ["argument_not_allowed", `${name} does not match the allowed pattern`];
    }
  }
}

/**
 * The first argument rule this call breaks, or null. A rule that covers the tool but finds none of its
 * arguments in the call, or a value it cannot read, denies: what cannot be checked is not allowed.
 */
export function argumentRuleViolation(
  rules: readonly ArgumentRule[],
  tool: RuleTool,
  args: Record<string, unknown>,
  ctx: RuleContext = {},
): Violation | null {
  for (const rule of rules) {
    if (!covers(rule, tool, args)) continue;
    let present = false;
    for (const name of rule.arguments) {
      const value = at(args, name);
      if (value === undefined) continue;
      present = true;
      const violation = checkValue(rule, name, value, ctx);
      if (violation) return violation;
    }
    if (!present)
      return [
        "arguments_unverifiable",
        `${tool.name} must send ${rule.arguments.join(" or ")} for its ${rule.kind} rule`,
      ];
  }
  return null;
}
