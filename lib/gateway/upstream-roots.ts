import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Root } from "@modelcontextprotocol/sdk/types.js";
import type { GrantSnap, RuleList, ServerSnap, Snapshot } from "@/lib/policy/snapshot";
import type { ArgumentRule } from "@/lib/schemas/argument-rule";

type PathRule = Extract<ArgumentRule, { kind: "path" }>;

/** A path rule that covers every tool of the server: its roots bound every path a call may name. */
const confining = (rules: RuleList | undefined): PathRule[] =>
  (rules ?? []).filter((r): r is PathRule => r.kind === "path" && !r.tools);

/**
 * The directories that bound every path the given grants allow on a server: the roots of the server's
 * own path rule when it has one (every call must pass it), else the union of the roots of each grant's
 * path rule. Null when some grant has no path rule (or there is none): no roots confine the server
 * without refusing calls the policy allows.
 */
function confiningRoots(server: ServerSnap, grants: GrantSnap[]): string[] | null {
  const own = confining(server.argumentRules)[0];
  if (own) return own.roots;
  const ruled = grants.map((g) => confining(g.argumentRules)[0]);
  if (!grants.length || ruled.some((r) => !r)) return null;
  return ruled.flatMap((r) => r!.roots);
}

const asRoots = (dirs: string[]): Root[] =>
  [...new Set(dirs)].sort().map((r) => ({ uri: pathToFileURL(r).href, name: "Warden path rule" }));

/**
 * The MCP roots the gateway gives a shared upstream, so the server itself refuses what the path rules
 * would (MCP 2025-11-25, Client features › Roots: a root's `uri` MUST be a `file://` URI, and servers
 * SHOULD respect root boundaries). One upstream session serves every agent on a shared server, so its
 * roots must hold everything any of them may reach. When some grant on the server has no path rule,
 * the answer is no roots, and the server keeps the directories it was started with.
 */
export function upstreamRoots(snapshot: Snapshot, slug: string): Root[] {
  const server = snapshot.servers.get(slug);
  if (!server) return [];
  return asRoots(confiningRoots(server, [...server.grants.values()].flat()) ?? []);
}

const inside = (dir: string, root: string) =>
  dir === root || dir.startsWith(root.endsWith(path.sep) ? root : root + path.sep);

/**
 * The roots one agent's upstream session is given: its grants' path roots intersected with the roots
 * the agent declared (a directory inside both), or the grants' roots alone when the agent offers none.
 * Where its grants have no path roots, the agent's own roots pass through (Roots › Listing Roots).
 */
export function agentSessionRoots(
  snapshot: Snapshot,
  slug: string,
  agentId: string,
  agentRoots: Root[] | null,
): Root[] {
  const server = snapshot.servers.get(slug);
  const granted = server ? confiningRoots(server, server.grants.get(agentId) ?? []) : [];
  if (granted === null) return agentRoots ?? [];
  if (agentRoots === null) return asRoots(granted);
  const declared = agentRoots.filter((r) => r.uri.startsWith("file://")).map((r) => fileURLToPath(r.uri));
  return asRoots(granted.flatMap((g) => declared.flatMap((a) => (inside(a, g) ? [a] : inside(g, a) ? [g] : []))));
}
