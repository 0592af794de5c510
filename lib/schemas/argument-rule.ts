import { z } from "zod";
import { text } from "./safe-input";

/**
 * Argument rules: least privilege on what a call's arguments may say, beyond objects and fields.
 * One shape everywhere (a grant, a server, the policy YAML's `argument_rules` block, the bundle).
 * Paths are POSIX: the gateway and the servers it fronts run on Linux.
 */
const ARGUMENT_PATH = /^[A-Za-z_$][\w$-]*(\.[A-Za-z_$][\w$-]*)*$/;
const HOST_ENTRY =
  /^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/;

const common = {
  /** tool name patterns the rule covers (`*` wildcards); every tool when left out */
  tools: z.array(text(128).trim().min(1)).min(1).max(100).optional(),
  /** the arguments (dotted paths) the rule reads; a tool it covers must send at least one */
  arguments: z
    .array(text(200).trim().regex(ARGUMENT_PATH, "an argument is named by its key, or a dotted path to it"))
    .min(1, "name the argument(s) the rule checks")
    .max(20),
};

const absolutePath = text(1024)
  .trim()
  .refine((p) => p.startsWith("/") && !p.split("/").includes(".."), "must be an absolute path without ..");

export const ZPathRule = z.strictObject({
  kind: z.literal("path"),
  ...common,
  /** the directories a path must stay inside, after normalising and resolving symlinks */
  roots: z.array(absolutePath).min(1, "name at least one allowed root").max(50),
  /** what a relative path is relative to (the server's own root); without it a relative path is refused */
  base: absolutePath.optional(),
});

export const ZUrlRule = z.strictObject({
  kind: z.literal("url"),
  ...common,
  /** the egress allow-list: `api.example.com`, `*.example.com` (subdomains), with `:port` for a non-default port */
  hosts: z
    .array(text(260).trim().toLowerCase().regex(HOST_ENTRY, "a host is a name, *.name or [ip], with an optional :port"))
    .min(1, "name at least one allowed host")
    .max(200),
  schemes: z
    .array(z.enum(["https", "http", "data"]))
    .min(1)
    .default(["https"]),
});

const compiles = (pattern: string) => {
  try {
    new RegExp(pattern, "u");
    return true;
  } catch {
    return false;
  }
};

export const ZPatternRule = z.strictObject({
  kind: z.literal("pattern"),
  ...common,
  /** a regular expression the whole value must match */
  pattern: text(500).min(1).refine(compiles, "must be a valid regular expression"),
});

export const ZEnumRule = z.strictObject({
  kind: z.literal("enum"),
  ...common,
  values: z.array(text(500)).min(1, "list the allowed values").max(500),
});

const names = z.array(text(128).trim().min(1)).max(500);

export const ZQueryRule = z.strictObject({
  kind: z.literal("query"),
  ...common,
  /** objects (tables, sObjects) the query may touch; any when left out */
  objects: names.optional(),
  denied_fields: names.optional(),
  /** the LIMIT the query must set, at most */
  max_limit: z.number().int().min(1).max(1_000_000).optional(),
});

export const ZArgumentRule = z.discriminatedUnion("kind", [ZPathRule, ZUrlRule, ZPatternRule, ZEnumRule, ZQueryRule], {
  error: "kind is one of path, url, pattern, enum or query",
});
export const ZArgumentRules = z.array(ZArgumentRule).max(50, "at most 50 argument rules");

export type ArgumentRule = z.infer<typeof ZArgumentRule>;
export type TArgumentRuleInput = z.input<typeof ZArgumentRule>;

/** One line a person reads: what the rule allows, on which arguments. */
export function describeArgumentRule(rule: ArgumentRule): string {
  const on = `${rule.arguments.join("/")}${rule.tools ? ` of ${rule.tools.join(", ")}` : ""}`;
  switch (rule.kind) {
    case "path":
      return `${on} inside ${rule.roots.join(", ")}`;
    case "url":
      return `${on} to ${rule.hosts.join(", ")} (${rule.schemes.join(", ")})`;
    case "pattern":
      return `${on} matching /${rule.pattern}/`;
    case "enum":
      return `${on} one of ${rule.values.join(", ")}`;
    case "query":
      return [
        `${on} a parsed query`,
        rule.objects && `on ${rule.objects.join(", ")}`,
        rule.denied_fields && `without ${rule.denied_fields.join(", ")}`,
        rule.max_limit && `LIMIT ≤ ${rule.max_limit}`,
      ]
        .filter(Boolean)
        .join(", ");
  }
}
