/** What else is registered, so a description that steers other servers' tools can be recognised. */
export type ScanContext = {
  /** The tools of this tool's own server: naming them ("call list_projects first") is ordinary advice. */
  siblings?: string[];
  /** The other registered servers and their tools. */
  otherServers?: { slug: string; name?: string; tools: string[] }[];
};

export type RegistryNames = {
  siblings: Set<string>;
  otherTools: Map<string, string>;
  serverMention: RegExp | null;
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Built once per scan of a manifest, not per tool: a 200-tool import compiles one pattern. */
export function registryNames(ctx: ScanContext = {}): RegistryNames {
  const otherTools = new Map<string, string>();
  const names = new Set<string>();
  for (const s of ctx.otherServers ?? []) {
    for (const t of s.tools) otherTools.set(t.toLowerCase(), s.slug);
    for (const n of [s.slug, s.name]) if (n && n.length >= 3) names.add(escape(n.toLowerCase()));
  }
  // A server is named as a server ("the whatsapp server", "the Slack integration", "GitHub's tools").
  const serverMention = names.size
    ? new RegExp(
        `\\b(?:${[...names].join("|")})(?:'s)?\\s+(?:\\w+\\s+)?(?:server|integration|mcp|connector|plugin|tools?|app)\\b`,
        "i",
      )
    : null;
  return { siblings: new Set((ctx.siblings ?? []).map((s) => s.toLowerCase())), otherTools, serverMention };
}
