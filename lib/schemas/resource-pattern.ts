/**
 * The grammar of a grant's resource URI patterns, and of the URIs they are matched against.
 *
 * A pattern is `*` (every resource of the server), or an absolute URI whose scheme is written out, in which
 * `*` stands for any run of characters within one path segment (never `/`, `?` or `#`) and `**` for any run
 * of characters at all: `demo://resource/static/document/*`, `file:///srv/reports/**`. Nothing else is
 * special: there is no regular expression, and `{`, `}` are refused (write a template's variable as `*`).
 *
 * URIs are matched exactly as the agent sent them: nothing is decoded, resolved or folded. A URI that does
 * not parse, carries whitespace, control characters or a backslash, or has a dot segment (`.`, `..`, or
 * either percent-encoded) is refused rather than normalised: the upstream might resolve it elsewhere. So is
 * one that spells a separator another way, which `*` would otherwise let through a segment to an upstream that
 * decodes or folds before it resolves: a percent-encoded `/`, `\`, `%` (double encoding) or control
 * character, and any character that Unicode compatibility folding (NFKC) turns into `/ \ . ? # %`, as sent or
 * once decoded (`／`, `．`, `%EF%BC%8F`).
 */
export const MAX_RESOURCE_URI = 2000;

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const UNSAFE = /[\s\u0000-\u001f\u007f\\]/;
const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e){1,2}(?=[/?#]|$)/i;
const ENCODED_SEPARATOR = /%(?:2f|5c|25|[01][0-9a-f]|7f)/i;
const SEPARATORS = /[/\\.?#%]/g;

/** Whether NFKC folding makes a separator of something that was not one (`／` → `/`). */
const foldsToSeparator = (s: string) =>
  (s.normalize("NFKC").match(SEPARATORS) ?? []).length !== (s.match(SEPARATORS) ?? []).length;

function decoded(uri: string): string | null {
  try {
    return decodeURIComponent(uri);
  } catch {
    return null;
  }
}

/** Why a URI (as an agent sends it, or a pattern with its wildcards filled) cannot be matched; null when it can. */
export function resourceUriProblem(uri: string): string | null {
  if (uri.length > MAX_RESOURCE_URI) return `is longer than ${MAX_RESOURCE_URI} characters`;
  if (UNSAFE.test(uri)) return "has whitespace, a control character or a backslash";
  if (!SCHEME.test(uri)) return "has no scheme (write it as scheme:…)";
  if (!URL.canParse(uri)) return "is not a URI";
  if (DOT_SEGMENT.test(uri.replace(/^[^:]*:/, ""))) return "has a dot segment (. or ..)";
  if (ENCODED_SEPARATOR.test(uri)) return "has a percent-encoded /, \\, % or control character";
  const plain = decoded(uri);
  if (plain === null) return "has a broken percent-encoding";
  if (foldsToSeparator(uri) || foldsToSeparator(plain)) return "has a character that folds to / \\ . ? # or %";
  return null;
}

/** Why a resource pattern is refused; null when it is one. */
export function resourcePatternProblem(pattern: string): string | null {
  if (pattern === "*") return null;
  if (pattern.includes("***")) return "uses *** (write * within a segment, ** for anything)";
  if (/[{}]/.test(pattern)) return "has { or } (write a template's variable as *)";
  if (!SCHEME.test(pattern)) return "has no scheme written out (write it as scheme:…, or * for every resource)";
  return resourceUriProblem(pattern.replace(/\*+/g, "x"));
}
