import { resourceUriProblem } from "@/lib/schemas/resource-pattern";
import { toolMatches } from "./arguments";

/** What an agent's grants on one server cover beyond tools: resource URI patterns and prompt names. */
export type ResourceScope = { resources: string[]; prompts: string[] };

// A template's simple `{var}` expands with `/`, `?` and `#` percent-encoded (RFC 6570 §3.2.2), so `*` covers
// it; an operator expression (`{+var}`, `{/var}`, `{?var}`…) may expand to anything, which only `**` covers.
const SIMPLE = "\u0000";
const ANY = "\u0001";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function globMatches(pattern: string, subject: string): boolean {
  if (pattern === "*") return true;
  const source = pattern
    .split("**")
    .map((part) => part.split("*").map(escape).join(`[^/?#${ANY}]*`))
    .join("[\\s\\S]*");
  return new RegExp(`^${source}$`).test(subject);
}

/** The patterns and prompts of the grants in force, together (a grant adds to what another covers). */
export function scopeOf(grants: { allowedResources?: string[]; allowedPrompts?: string[] }[]): ResourceScope {
  return {
    resources: grants.flatMap((g) => g.allowedResources ?? []),
    prompts: grants.flatMap((g) => g.allowedPrompts ?? []),
  };
}

/** Why a URI cannot be matched, or whether a pattern covers it: one check of the URI, for a gate that says which. */
export type Coverage = { problem: string | null; covered: boolean };

/** Whether a pattern covers a URI exactly as sent; a URI that cannot be parsed is covered by none. */
export function resourceCoverage(patterns: string[], uri: string): Coverage {
  const problem = resourceUriProblem(uri);
  return { problem, covered: !problem && patterns.some((p) => globMatches(p, uri)) };
}

export const resourceCovered = (patterns: string[], uri: string) => resourceCoverage(patterns, uri).covered;

/**
 * Whether a pattern covers every URI a resource template expands to (`resources/templates/list`, and a
 * completion's `ref/resource`): `demo://resource/dynamic/text/*` covers `demo://resource/dynamic/text/{id}`,
 * `demo://resource/dynamic/text/1` does not.
 */
export function templateCoverage(patterns: string[], template: string): Coverage {
  const problem = resourceUriProblem(template.replace(/\{[^{}]*\}/g, "x"));
  if (problem) return { problem, covered: false };
  const subject = template.replace(/\{([^{}]*)\}/g, (_, expr: string) => (/^[+#./;?&]/.test(expr) ? ANY : SIMPLE));
  return { problem, covered: patterns.some((p) => globMatches(p, subject)) };
}

export const templateCovered = (patterns: string[], template: string) => templateCoverage(patterns, template).covered;

/** Whether a prompt name is covered: names and `*` patterns, as a grant's tools are matched. */
export const promptCovered = (patterns: string[], name: string) => patterns.some((p) => toolMatches(p, name));
