import { operationAllowed, operationOf, toolMatches } from "./arguments";
import { inForce } from "./grant-entitlement";
import type { Snapshot } from "./snapshot";

export type Denial = { rule: string; reason: string };

/**
 * Whether an agent may use a server at all right now: the checks that come before any tool, for the
 * MCP methods that name none (resources, prompts, completions). Null when it may.
 */
export function serverAccessDenial(snap: Snapshot & { paused: boolean }, agent: string, server: string): Denial | null {
  if (snap.paused) return { rule: "org_paused", reason: "all MCP access is paused" };
  const a = snap.agents.get(agent);
  if (!a) return { rule: "unknown_agent", reason: `agent ${agent} is not registered` };
  if (a.status !== "ACTIVE") return { rule: "agent_suspended", reason: `agent ${agent} is suspended` };
  const s = snap.servers.get(server);
  if (!s) return { rule: "unknown_server", reason: `server ${server} is not registered` };
  if (s.status !== "ACTIVE") return { rule: "server_not_active", reason: `server ${server} is ${s.status}` };
  return null;
}

/**
 * Whether `tools/list` shows a tool to an agent: reviewed, enabled, not suspended, its live definition
 * is the approved one, and a current grant covers this agent, this tool and its operation. Argument
 * limits are left to the call itself.
 */
export function toolVisible(
  snap: Snapshot & { paused: boolean },
  agent: string,
  server: string,
  tool: string,
  liveHash: string | null,
  now: Date,
): boolean {
  if (serverAccessDenial(snap, agent, server)) return false;
  const s = snap.servers.get(server)!;
  const t = s.tools.get(tool);
  if (!t || t.suspended || !t.enabled || t.status !== "APPROVED" || !liveHash || t.approvedHash !== liveHash)
    return false;
  const op = operationOf(t);
  const grants = s.grants.get(snap.agents.get(agent)!.id) ?? [];
  return grants.some(
    (g) =>
      inForce(g, now) &&
      g.allowedTools.some((p) => toolMatches(p, t.name)) &&
      operationAllowed(op, g.allowedOperations),
  );
}
