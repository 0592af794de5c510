import { DEMO_GRANTS, DEMO_SERVERS } from "@/prisma/seed/demo-catalog";

export type SimEvent = {
  eventId: string;
  timestamp: string;
  server: string;
  tool: string;
  agent: string;
  onBehalfOf?: string;
  sessionId: string;
  method: string;
  arguments: Record<string, unknown>;
  outcome: "success" | "error" | "deny" | "pending";
  rule?: string;
  reason?: string;
  responseSummary?: string;
  recordsReturned?: number;
  bytes?: number;
  latencyMs: number;
  traceId: string;
};

/** The reasons a gateway gives when it refuses a call, in realistic proportions. */
function gatewayDenial(r: number, agent: string, tool: string): { rule: string; reason: string } {
  if (r < 0.4) return { rule: "field_denied", reason: `${tool} asked for a field the grant denies` };
  if (r < 0.65) return { rule: "max_records", reason: `${tool} asked for more records than the grant's limit` };
  if (r < 0.85) return { rule: "rate_limited", reason: `${agent} made more calls a minute than the server allows` };
  return { rule: "object_not_allowed", reason: `${tool} named an object outside the grant` };
}

/** A small deterministic PRNG (mulberry32): the same seed replays the same traffic, so reruns are idempotent. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PEOPLE = [
  "alice@corp.example",
  "bob@corp.example",
  "chen@corp.example",
  "dana@corp.example",
  "eve@corp.example",
  "farid@corp.example",
];
const BASE_LATENCY: Record<string, number> = {
  "salesforce-crm": 180,
  github: 250,
  jira: 300,
  slack: 120,
  "postgres-prod": 60,
  "google-drive": 220,
  "workday-hr": 400,
  filesystem: 8,
  "stripe-billing": 350,
  "web-search": 900,
};

type Options = { days: number; ratePerHour: number; now?: Date; seed?: number };

/**
 * Realistic gateway traffic for the demo organisation over the last `days`: busier in office hours,
 * quieter at weekends, mostly successful, with the anomalies a security team should catch (bulk reads,
 * 3 a.m. activity, an unknown agent, a shadow server, an exfiltration chain, a burst of denials).
 */
export function* generateTraffic({ days, ratePerHour, now = new Date(), seed = 42 }: Options): Generator<SimEvent> {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const toolsOf = (slug: string) => DEMO_SERVERS.find((s) => s.server.slug === slug)!.tools.map((t) => t.name);
  const start = Math.floor(now.getTime() / 3_600_000) * 3_600_000 - days * 24 * 3_600_000;
  let n = 0;
  const make = (at: number, agent: string, server: string, tool: string, extra: Partial<SimEvent> = {}): SimEvent => {
    n++;
    const base = BASE_LATENCY[server] ?? 200;
    return {
      eventId: `sim-${seed}-${n}`,
      timestamp: new Date(at).toISOString(),
      server,
      tool,
      agent,
      onBehalfOf: pick(PEOPLE),
      sessionId: `sess-${agent}-${Math.floor(at / 3_600_000)}`,
      method: "tools/call",
      arguments: { id: `rec-${Math.floor(rand() * 5000)}` },
      outcome: "success",
      latencyMs: Math.round(base * Math.exp((rand() - 0.5) * 1.6)),
      traceId: `trace-${seed}-${n}`,
      recordsReturned: 1 + Math.floor(rand() * 20),
      bytes: 200 + Math.floor(rand() * 20_000),
      ...extra,
    };
  };
  for (let hour = 0; hour < days * 24; hour++) {
    const at = start + hour * 3_600_000;
    const d = new Date(at);
    const office = d.getUTCHours() >= 8 && d.getUTCHours() < 19;
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
    const expected = ratePerHour * (office ? 1.8 : 0.25) * (weekend ? 0.3 : 1);
    const count = Math.max(0, Math.round(expected * (0.7 + rand() * 0.6)));
    for (let i = 0; i < count; i++) {
      const g = pick(DEMO_GRANTS);
      const tool = g.tools[0] === "*" ? pick(toolsOf(g.server)) : pick(g.tools);
      const r = rand();
      const outcome = r < 0.93 ? "success" : r < 0.97 ? "error" : "deny";
      yield make(at + Math.floor(rand() * 3_600_000), g.agent, g.server, tool, {
        outcome,
        ...(outcome === "deny" ? gatewayDenial(rand(), g.agent, tool) : {}),
        recordsReturned: outcome === "success" ? 1 + Math.floor(rand() * Math.min(g.maxRecords ?? 50, 50)) : 0,
      });
    }
    const day = Math.floor(hour / 24);
    if (hour % 24 === 3 && day % 3 === 0) yield make(at + 600_000, "release-bot", "github", "push_files"); // off-hours
    if (hour % 24 === 14 && day % 5 === 1)
      yield make(at, "data-analyst", "postgres-prod", "query", {
        recordsReturned: 25_000,
        arguments: { sql: "SELECT * FROM orders" },
      }); // bulk read
    if (hour % 24 === 11 && day % 7 === 2)
      yield make(at, "scraper-bot", "google-drive", "search_files", { outcome: "success" }); // unknown agent
    if (hour % 24 === 16 && day % 6 === 4) yield make(at, "support-assistant", "personal-notion-mcp", "export_page"); // shadow server
    if (hour % 24 === 15 && day % 9 === 5) {
      const sessionId = `exfil-${seed}-${day}`;
      yield make(at, "hr-helpdesk", "workday-hr", "get_compensation", {
        sessionId,
        arguments: { employeeId: "E-1042" },
      });
      yield make(at + 40_000, "hr-helpdesk", "web-search", "send_email", {
        sessionId,
        arguments: { to: "someone@gmail.example", body: "[summary]" },
      });
    }
    if (hour % 24 === 10 && day % 10 === 3) {
      for (let k = 0; k < 30; k++)
        yield make(at + k * 1000, "data-analyst", "postgres-prod", "execute_sql", {
          outcome: "deny",
          rule: "no_grant",
          reason: `data-analyst may not call execute_sql on postgres-prod: the grant allows read-only queries`,
          recordsReturned: 0,
        }); // denial spike
    }
  }
}

/** Live calls through the decision API: allowed, denied and high-risk ones that wait for an approver. */
export const DEMO_DECISIONS = [
  {
    agent: "support-assistant",
    server: "salesforce-crm",
    tool: "query_records",
    arguments: { object: "Case", limit: 20 },
    onBehalfOf: "alice@corp.example",
  },
  {
    agent: "support-assistant",
    server: "salesforce-crm",
    tool: "query_records",
    arguments: { object: "Contact", fields: ["Name", "SSN__c"] },
    onBehalfOf: "bob@corp.example",
  },
  {
    agent: "support-assistant",
    server: "salesforce-crm",
    tool: "delete_record",
    arguments: { object: "Case", id: "500x" },
    onBehalfOf: "bob@corp.example",
  },
  {
    agent: "support-assistant",
    server: "salesforce-crm",
    tool: "update_record",
    arguments: { object: "Case", id: "500x", fields: { Status: "Closed" } },
    onBehalfOf: "alice@corp.example",
  },
  {
    agent: "billing-assistant",
    server: "salesforce-crm",
    tool: "query_records",
    arguments: { object: "Account", limit: 500 },
    onBehalfOf: "chen@corp.example",
  },
  { agent: "code-reviewer", server: "github", tool: "search_code", arguments: { query: "TODO" } },
  { agent: "unknown-gpt", server: "github", tool: "search_code", arguments: { query: "password" } },
  {
    agent: "support-assistant",
    server: "salesforce-crm",
    tool: "update_record",
    arguments: { object: "Case", id: "500y", fields: { Priority: "High" } },
    onBehalfOf: "dana@corp.example",
  },
];
