import type { Evaluation } from "@/lib/policy/decide";

export const SCOPE_PREFIX = "warden:";

/**
 * Token scopes narrow, never widen, what the agent's grants allow. `warden:<slug>` keeps every tool the
 * grants allow on that server; `warden:<slug>:<tool>` keeps one tool. A token without any `warden:` scope
 * is not narrowed (the grants are the ceiling either way). A scope can only turn an allow into a deny.
 */
export function scopeDenial(scopes: readonly string[] | undefined, slug: string, tool: string): string | null {
  const ours = (scopes ?? []).filter((s) => s.startsWith(SCOPE_PREFIX));
  if (ours.length === 0) return null;
  if (ours.includes(`${SCOPE_PREFIX}${slug}`) || ours.includes(`${SCOPE_PREFIX}${slug}:${tool}`)) return null;
  return `scope_not_granted: the access token's scopes (${ours.join(" ")}) do not include ${SCOPE_PREFIX}${slug} or ${SCOPE_PREFIX}${slug}:${tool}`;
}

/** The decision narrowed by the caller's token scopes: a deny stays a deny, an allow may become one. */
export function narrowByScopes(
  e: Evaluation,
  scopes: readonly string[] | undefined,
  slug: string,
  tool: string,
): Evaluation {
  if (e.outcome === "deny") return e;
  const denial = scopeDenial(scopes, slug, tool);
  return denial
    ? { outcome: "deny", rule: "scope_not_granted", reasons: [denial], server: e.server, agent: e.agent }
    : e;
}
