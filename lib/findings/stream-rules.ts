import type { FindingInput } from "./finding-input";
import { localHours } from "./local-hour";
import type { TIngestEvent } from "@/lib/schemas/ingest";
import { normaliseOutcome, outcomeLabel } from "@/lib/schemas/outcome";

export type StreamContext = {
  servers: Map<
    string,
    {
      status: string;
      dataClassification: string | null;
      maxRecordsPerCall: number | null;
      openWorldTools: Set<string>;
    }
  >;
  agents: Set<string>;
  /** max records per agent:server from the agent's active grants */
  grantMax: Map<string, number>;
  /** agent\u0000tool pairs seen before this batch */
  knownPairs: Set<string>;
  /** agents with any call before this batch: an agent's very first calls are its baseline, not "new tools" */
  knownAgents: Set<string>;
  business: { timezone: string; startHour: number; endHour: number };
  /** each session's earliest sensitive read seen by earlier batches (kept in the database) */
  sessionReads: Map<string, SessionRead>;
};

/** A successful call on a CONFIDENTIAL or RESTRICTED server, remembered per session. */
export type SessionRead = {
  eventId: string | null;
  agent: string;
  server: string;
  tool: string | null;
  onBehalfOf: string | null;
  readAt: Date;
};

/** How long after a sensitive read an egress call in the same session still completes the chain. */
export const EXFILTRATION_WINDOW_MS = 24 * 3_600_000;

const SENSITIVE = new Set(["CONFIDENTIAL", "RESTRICTED"]);
/** Tools that move data out of the company by their nature, whatever their annotations claim. */
const EGRESS = /(^|_)(send_email|email|upload|share|publish|webhook|fetch_url|http_request|paste)(_|$)/i;

/** An agent's first call of a tool: "used" only when the call went through, "tried" (and how it ended) otherwise. */
export function firstUseTitle(e: Pick<TIngestEvent, "agent" | "server" | "tool" | "outcome">): string {
  const o = normaliseOutcome(e.outcome);
  const what = `${e.server}/${e.tool}`;
  if (o === "success" || o === "allow") return `${e.agent} used ${what} for the first time`;
  return `${e.agent} tried ${what} for the first time (${outcomeLabel(e.outcome).toLowerCase()})`;
}

/**
 * Findings from a batch of ingested calls: unregistered servers, unknown agents, bulk reads over the
 * grant, off-hours activity, first use of a tool by an agent, and the exfiltration pattern (a session
 * that reads a CONFIDENTIAL or RESTRICTED server, then calls an external or open-world tool within
 * EXFILTRATION_WINDOW_MS, in this batch or after a read an earlier batch remembered).
 */
export function streamFindings(events: TIngestEvent[], ctx: StreamContext): FindingInput[] {
  const out = new Map<string, FindingInput>();
  // The latest sighting in the batch wins, with the events' own time as when it was seen.
  const add = (f: FindingInput) => {
    const key = `${f.type}\u0000${f.entityKey}`;
    const seen = out.get(key)?.seenAt;
    out.set(key, seen && f.seenAt && seen > f.seenAt ? { ...f, seenAt: seen } : f);
  };
  const sessions = new Map<string, TIngestEvent[]>();
  const localHour = localHours(ctx.business.timezone);
  for (const e of [...events].sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime())) {
    const server = ctx.servers.get(e.server);
    if (!server)
      add({
        type: "shadow_server",
        severity: "HIGH",
        entityType: "McpServer",
        entityKey: e.server,
        title: `Unregistered MCP server ${e.server}`,
        evidence: { agent: e.agent, tool: e.tool, at: e.timestamp, eventId: e.eventId },
        seenAt: e.timestamp,
      });
    if (server && server.status !== "ACTIVE" && e.outcome === "success")
      add({
        type: "inactive_server_traffic",
        severity: "HIGH",
        entityType: "McpServer",
        entityKey: e.server,
        title: `Successful calls to ${e.server}, which is ${server.status.replaceAll("_", " ").toLowerCase()}`,
        evidence: { agent: e.agent, tool: e.tool, at: e.timestamp, status: server.status, eventId: e.eventId },
        seenAt: e.timestamp,
      });
    if (!ctx.agents.has(e.agent))
      add({
        type: "unknown_agent",
        severity: "HIGH",
        entityType: "Agent",
        entityKey: e.agent,
        title: `Unknown agent ${e.agent}`,
        evidence: { server: e.server, tool: e.tool, at: e.timestamp, eventId: e.eventId },
        seenAt: e.timestamp,
      });
    const cap = ctx.grantMax.get(`${e.agent}:${e.server}`) ?? server?.maxRecordsPerCall ?? undefined;
    if (cap !== undefined && (e.recordsReturned ?? 0) > cap) {
      add({
        type: "bulk_read",
        severity: "HIGH",
        entityType: "Agent",
        entityKey: `${e.agent}:${e.server}`,
        title: `${e.agent} read ${e.recordsReturned} records from ${e.server} (limit ${cap})`,
        evidence: { tool: e.tool, recordsReturned: e.recordsReturned, limit: cap, at: e.timestamp, eventId: e.eventId },
        seenAt: e.timestamp,
      });
    }
    const { hour, weekend } = localHour(e.timestamp);
    if (weekend || hour < ctx.business.startHour || hour >= ctx.business.endHour) {
      add({
        type: "off_hours",
        severity: "MEDIUM",
        entityType: "Agent",
        entityKey: e.agent,
        title: `${e.agent} active outside business hours`,
        evidence: { server: e.server, tool: e.tool, at: e.timestamp, localHour: hour, weekend, eventId: e.eventId },
        seenAt: e.timestamp,
      });
    }
    if (e.tool && ctx.knownAgents.has(e.agent) && !ctx.knownPairs.has(`${e.agent}\u0000${e.tool}`)) {
      ctx.knownPairs.add(`${e.agent}\u0000${e.tool}`);
      add({
        type: "new_tool",
        severity: "LOW",
        entityType: "Agent",
        entityKey: `${e.agent}:${e.server}:${e.tool}`,
        title: firstUseTitle(e),
        evidence: { at: e.timestamp, outcome: e.outcome, eventId: e.eventId },
        seenAt: e.timestamp,
      });
    }
    if (e.sessionId) {
      const calls = sessions.get(e.sessionId);
      if (calls) calls.push(e);
      else sessions.set(e.sessionId, [e]);
    }
  }
  const batchReads = sensitiveReads(events, ctx);
  for (const [sessionId, calls] of sessions) {
    const reads = [ctx.sessionReads.get(sessionId), batchReads.get(sessionId)].filter((r): r is SessionRead => !!r);
    if (reads.length === 0) continue;
    let chain: { read: SessionRead; egress: TIngestEvent } | undefined;
    for (const c of calls) {
      const egress =
        c.tool &&
        (ctx.servers.get(c.server)?.openWorldTools.has(c.tool) || EGRESS.test(c.tool) || !ctx.servers.has(c.server));
      if (!egress) continue;
      const read = reads.find(
        (r) =>
          r.server !== c.server &&
          c.timestamp >= r.readAt &&
          c.timestamp.getTime() - r.readAt.getTime() <= EXFILTRATION_WINDOW_MS,
      );
      if (read) {
        chain = { read, egress: c };
        break;
      }
    }
    if (chain) {
      const { read, egress } = chain;
      add({
        type: "exfiltration_chain",
        severity: "CRITICAL",
        entityType: "Session",
        entityKey: sessionId,
        title: `Session ${sessionId}: data from ${read.server} then ${egress.server}/${egress.tool}`,
        evidence: {
          agent: read.agent,
          from: { server: read.server, tool: read.tool, at: read.readAt },
          to: { server: egress.server, tool: egress.tool, at: egress.timestamp },
          onBehalfOf: read.onBehalfOf,
          eventIds: [read.eventId, egress.eventId],
        },
        seenAt: egress.timestamp,
      });
    }
  }
  return [...out.values()];
}

/** Each session's earliest successful read of CONFIDENTIAL or RESTRICTED data in this batch. */
export function sensitiveReads(events: TIngestEvent[], ctx: Pick<StreamContext, "servers">): Map<string, SessionRead> {
  const reads = new Map<string, SessionRead>();
  for (const e of events) {
    if (!e.sessionId || e.outcome !== "success") continue;
    if (!SENSITIVE.has(ctx.servers.get(e.server)?.dataClassification ?? "")) continue;
    const known = reads.get(e.sessionId);
    if (!known || e.timestamp < known.readAt)
      reads.set(e.sessionId, {
        eventId: e.eventId ?? null,
        agent: e.agent,
        server: e.server,
        tool: e.tool ?? null,
        onBehalfOf: e.onBehalfOf ?? null,
        readAt: e.timestamp,
      });
  }
  return reads;
}
