import type { Sql } from "@/lib/db/sql";
import type { SessionRead, StreamContext } from "@/lib/findings/stream-rules";
import type { TIngestEvent } from "@/lib/schemas/ingest";

/** What the stream rules need to know about a batch, and the ids its audit records name. */
export type IngestContext = StreamContext & {
  serverIds: Map<string, { id: string; deniedFields: string[] }>;
  agentIds: Map<string, string>;
};

type Found = {
  servers: {
    id: string;
    slug: string;
    status: string;
    dataClassification: string | null;
    maxRecordsPerCall: number | null;
    deniedFields: string[];
    tools: { name: string; openWorldHint: unknown }[];
  }[];
  agents: { id: string; clientId: string }[];
  grants: { clientId: string; serverId: string; maxRecords: number | null }[];
  settings: { timezone: string; startHour: number; endHour: number } | null;
  sessionReads: (Omit<SessionRead, "readAt"> & { sessionId: string; readAt: string })[];
  knownPairs: [string, string][];
  knownAgents: string[];
};

// One statement, one JSON document: the batch's servers (with their tools' open-world hints), agents and
// their active grants, the business hours, the sessions' remembered sensitive reads, and which of the
// batch's agents and (agent, tool) pairs the rollups have seen before (each an index lookup).
const CONTEXT_SQL = `
WITH slugs AS (SELECT json_array_elements_text($1::json) AS slug),
     clients AS (SELECT json_array_elements_text($2::json) AS agent),
     sessions AS (SELECT json_array_elements_text($3::json) AS "sessionId"),
     pairs AS (SELECT * FROM json_to_recordset($4::json) AS p(agent text, tool text))
SELECT json_build_object(
  'servers', COALESCE((SELECT json_agg(json_build_object(
      'id', s.id, 'slug', s.slug, 'status', s.status, 'dataClassification', s."dataClassification",
      'maxRecordsPerCall', s."maxRecordsPerCall", 'deniedFields', s."deniedFields",
      'tools', COALESCE((SELECT json_agg(json_build_object('name', t.name, 'openWorldHint', t.annotations -> 'openWorldHint'))
                         FROM "Tool" t WHERE t."serverId" = s.id AND t.annotations ? 'openWorldHint'), '[]')))
    FROM "McpServer" s WHERE s.slug IN (SELECT slug FROM slugs)), '[]'),
  'agents', COALESCE((SELECT json_agg(json_build_object('id', a.id, 'clientId', a."clientId"))
    FROM "Agent" a WHERE a."clientId" IN (SELECT agent FROM clients)), '[]'),
  'grants', COALESCE((SELECT json_agg(json_build_object('clientId', a."clientId", 'serverId', g."serverId", 'maxRecords', g."maxRecords"))
    FROM "Grant" g JOIN "Agent" a ON a.id = g."agentId"
    WHERE g.status = 'ACTIVE' AND a."clientId" IN (SELECT agent FROM clients)), '[]'),
  'settings', (SELECT json_build_object('timezone', "businessTimezone", 'startHour', "businessStartHour", 'endHour', "businessEndHour")
    FROM "OrgSettings" WHERE id = 1),
  'sessionReads', COALESCE((SELECT json_agg(r) FROM "SessionSensitiveRead" r WHERE r."sessionId" IN (SELECT "sessionId" FROM sessions)), '[]'),
  'knownPairs', COALESCE((SELECT json_agg(json_build_array(p.agent, p.tool)) FROM pairs p
    WHERE EXISTS (SELECT 1 FROM "ToolCallRollup" r WHERE r.agent = p.agent AND r.tool = p.tool)), '[]'),
  'knownAgents', COALESCE((SELECT json_agg(c.agent) FROM clients c
    WHERE EXISTS (SELECT 1 FROM "ToolCallRollup" r WHERE r.agent = c.agent)), '[]')
)::text AS found`;

const distinct = <T>(values: T[]) => [...new Set(values)];

/** Reads what the batch's rules and records need, in one round trip. */
export async function streamContext(sql: Sql, events: TIngestEvent[]): Promise<IngestContext> {
  const clientIds = distinct(events.map((e) => e.agent));
  const pairs = distinct(events.flatMap((e) => (e.tool ? [`${e.agent}\u0000${e.tool}`] : []))).map((p) => {
    const [agent, tool] = p.split("\u0000");
    return { agent, tool };
  });
  const [{ found }] = await sql.query<{ found: string }>(CONTEXT_SQL, [
    JSON.stringify(distinct(events.map((e) => e.server))),
    JSON.stringify(clientIds),
    JSON.stringify(distinct(events.flatMap((e) => (e.sessionId ? [e.sessionId] : [])))),
    JSON.stringify(pairs),
  ]);
  const { servers, agents, grants, settings, sessionReads, knownPairs, knownAgents } = JSON.parse(found) as Found;
  const slugById = new Map(servers.map((s) => [s.id, s.slug]));
  const grantMax = new Map<string, number>();
  for (const g of grants) {
    const slug = slugById.get(g.serverId);
    const key = `${g.clientId}:${slug}`;
    if (slug && g.maxRecords) grantMax.set(key, Math.max(grantMax.get(key) ?? 0, g.maxRecords));
  }
  return {
    servers: new Map(
      servers.map((s) => [
        s.slug,
        {
          status: s.status,
          dataClassification: s.dataClassification,
          maxRecordsPerCall: s.maxRecordsPerCall,
          openWorldTools: new Set(s.tools.filter((t) => t.openWorldHint).map((t) => t.name)),
        },
      ]),
    ),
    agents: new Set(agents.map((a) => a.clientId)),
    grantMax,
    knownPairs: new Set(knownPairs.map(([agent, tool]) => `${agent}\u0000${tool}`)),
    knownAgents: new Set(knownAgents),
    business: {
      timezone: settings?.timezone ?? "UTC",
      startHour: settings?.startHour ?? 8,
      endHour: settings?.endHour ?? 19,
    },
    sessionReads: new Map(
      sessionReads.map(({ sessionId, readAt, ...read }) => [sessionId, { ...read, readAt: new Date(readAt) }]),
    ),
    serverIds: new Map(servers.map((s) => [s.slug, { id: s.id, deniedFields: s.deniedFields }])),
    agentIds: new Map(agents.map((a) => [a.clientId, a.id])),
  };
}
