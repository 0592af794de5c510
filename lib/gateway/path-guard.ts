import type { EngineInput } from "@/lib/policy/decide";
import { pathArguments } from "@/lib/policy/argument-rules";
import { operationOf } from "@/lib/policy/arguments";
import { pathFingerprint } from "@/lib/policy/real-path";
import type { BundleView } from "./bundle-holder";

export type PathGuard = { changed: () => boolean };

const READS = new Set(["read", "query"]);

/**
 * The last layer against a swap between the check and the server's use of a path: the paths a call
 * names are fingerprinted (where they lead, and the identity of every part walked) just before the
 * check that lets it through, and again when the server has answered. When they differ, a part of a
 * path was replaced while the call ran, and the server may have read or written through it: the
 * result is withheld. A server that resolves a path and then opens it by name (server-filesystem
 * does) is open to that swap even when it honours MCP roots; this closes the read side of it (a
 * write cannot be undone afterwards: it has the re-check before forwarding, and the server's roots).
 * Null for a call that is not a read, or whose arguments no path rule reads.
 */
export function guardPaths(
  view: BundleView,
  input: EngineInput,
  relativeBases: readonly string[] | null = [],
): PathGuard | null {
  const snapshot = view.bundle?.snapshot;
  const server = snapshot?.servers.get(input.server);
  const agent = snapshot?.agents.get(input.agent);
  const tool = server?.tools.get(input.tool);
  // A write changes what it writes (a new file, a new ctime): only a read's paths must stay as they were.
  if (!server || !tool || !READS.has(operationOf(tool))) return null;
  const grants = (agent && server.grants.get(agent.id)) ?? [];
  const rules = [server.argumentRules, ...grants.map((g) => g.argumentRules)].flatMap((r) => r ?? []);
  const paths = pathArguments(rules, tool, input.arguments, relativeBases ?? []);
  if (!paths.length) return null;
  const before = paths.map(pathFingerprint);
  return { changed: () => paths.some((p, i) => pathFingerprint(p) !== before[i]) };
}
