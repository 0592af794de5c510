import { pathToFileURL } from "node:url";
import type { Root } from "@modelcontextprotocol/sdk/types.js";
import type { RuleList, Snapshot } from "@/lib/policy/snapshot";
import type { ArgumentRule } from "@/lib/schemas/argument-rule";

type PathRule = Extract<ArgumentRule, { kind: "path" }>;

/** A path rule that covers every tool of the server: its roots bound every path a call may name. */
const confining = (rules: RuleList | undefined): PathRule[] =>
  (rules ?? []).filter((r): r is PathRule => r.kind === "path" && !r.tools);

/**
 * The MCP roots the gateway gives an upstream, so the server itself refuses what the path rules would
 * (MCP 2025-11-25, Client features › Roots: a root's `uri` MUST be a `file://` URI, and servers SHOULD
 * respect root boundaries). One upstream session serves every agent on the server today, so its roots
 * must hold everything any of them may reach: the roots of the server's own path rule when it has one
 * (every call must pass it), else the union of the roots of every active grant's path rule. When some
 * grant on the server has no path rule, no roots can confine the server without refusing calls the
 * policy allows: the answer is no roots, and the server keeps the directories it was started with.
 */
export function upstreamRoots(snapshot: Snapshot, slug: string): Root[] {
  const server = snapshot.servers.get(slug);
  if (!server) return [];
  const own = confining(server.argumentRules)[0];
  let roots: string[];
  if (own) roots = own.roots;
  else {
    const grants = [...server.grants.values()].flat();
    const ruled = grants.map((g) => confining(g.argumentRules)[0]);
    if (!grants.length || ruled.some((r) => !r)) return [];
    roots = ruled.flatMap((r) => r!.roots);
  }
  return [...new Set(roots)].sort().map((r) => ({ uri: pathToFileURL(r).href, name: "Warden path rule" }));
}
