import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ZArgumentRules, type ArgumentRule } from "@/lib/schemas/argument-rule";
import type { ArgumentMap } from "./arguments";
import { grantEntitlement, type GrantEntitlement } from "./grant-entitlement";

export type ToolSnap = {
  name: string;
  status: string;
  enabled: boolean;
  suspended: boolean;
  approvedHash: string | null;
  risk: string;
  requiresApproval: boolean;
  annotations: unknown;
  /** the reviewer's word on which argument holds the object, the limit and the query */
  argumentMap?: ArgumentMap;
  /** the top-level arguments its reviewed input schema declares: an argument rule covers the tools that take its arguments */
  inputKeys?: string[];
};
/** Argument rules as stored; null when what is stored cannot be read (every call they guard is denied). */
export type RuleList = ArgumentRule[] | null;
/**
 * A grant in force. Its resource patterns and prompts (`resource-scope.ts`) are carried beside the entitlement
 * an access review freezes; absent (an older bundle), they cover nothing.
 */
export type GrantSnap = GrantEntitlement & {
  id: string;
  argumentRules?: RuleList;
  allowedResources?: string[];
  allowedPrompts?: string[];
};
export type ServerSnap = {
  id: string;
  slug: string;
  status: string;
  policyVersion: string;
  highRiskApproval: boolean;
  requiresActiveSession: boolean;
  rateLimitPerMinute: number | null;
  maxRecordsPerCall: number | null;
  allowedObjects: string[];
  allowedOperations: string[];
  deniedFields: string[];
  argumentRules?: RuleList;
  dataClassification: string | null;
  approvalsRequired: number | null;
  approvalTtlMinutes: number | null;
  tools: Map<string, ToolSnap>;
  /** active grants, by agent id */
  grants: Map<string, GrantSnap[]>;
};
export type AgentSnap = {
  id: string;
  clientId: string;
  status: string;
  ownerId: string | null;
  registeredById: string | null;
  /** the client_id / azp its OAuth access tokens carry (a gateway maps tokens to agents by it) */
  oauthClientId?: string | null;
  /** whether its static credentials may name the user they act for */
  assertsUsers?: boolean;
  /** calls a minute each user it acts for may make through it, shared by every instance; null = no limit */
  userRateLimitPerMinute?: number | null;
  /** calls it may make in a UTC calendar day, shared by every instance; null = no budget */
  dailyCallBudget?: number | null;
};

/** Everything the decision engine reads, held in memory per registry version. */
export type Snapshot = { version: number; agents: Map<string, AgentSnap>; servers: Map<string, ServerSnap> };

function readRules(stored: unknown): RuleList {
  const parsed = ZArgumentRules.safeParse(stored ?? []);
  return parsed.success ? parsed.data : null;
}

function inputKeysOf(schema: unknown): string[] {
  const properties = (schema as { properties?: unknown } | null)?.properties;
  return properties && typeof properties === "object" ? Object.keys(properties) : [];
}

export async function loadSnapshot(prisma: PrismaClient, version: number): Promise<Snapshot> {
  const [agents, servers, tools, grants] = await Promise.all([
    prisma.agent.findMany({
      select: {
        id: true,
        clientId: true,
        status: true,
        ownerId: true,
        registeredById: true,
        oauthClientId: true,
        assertsUsers: true,
        userRateLimitPerMinute: true,
        dailyCallBudget: true,
      },
    }),
    prisma.mcpServer.findMany(),
    prisma.tool.findMany(),
    prisma.grant.findMany({ where: { status: "ACTIVE" } }),
  ]);
  const byId = new Map<string, ServerSnap>();
  for (const s of servers) {
    byId.set(s.id, {
      id: s.id,
      slug: s.slug,
      status: s.status,
      policyVersion: s.policyVersion,
      highRiskApproval: s.highRiskApproval,
      requiresActiveSession: s.requiresActiveSession,
      rateLimitPerMinute: s.rateLimitPerMinute,
      maxRecordsPerCall: s.maxRecordsPerCall,
      allowedObjects: s.allowedObjects,
      allowedOperations: s.allowedOperations,
      deniedFields: s.deniedFields,
      argumentRules: readRules(s.argumentRules),
      dataClassification: s.dataClassification,
      approvalsRequired: s.approvalsRequired,
      approvalTtlMinutes: s.approvalTtlMinutes,
      tools: new Map(),
      grants: new Map(),
    });
  }
  for (const t of tools) {
    byId.get(t.serverId)?.tools.set(t.name, {
      name: t.name,
      status: t.status,
      enabled: t.enabled,
      suspended: t.suspendedReason !== null,
      approvedHash: t.approvedHash,
      risk: t.riskOverride ?? t.risk,
      requiresApproval: t.requiresApproval,
      annotations: t.annotations,
      argumentMap: { object: t.objectArgument, limit: t.limitArgument, query: t.queryArgument },
      inputKeys: inputKeysOf(t.inputSchema),
    });
  }
  for (const g of grants) {
    const server = byId.get(g.serverId);
    if (!server) continue;
    const list = server.grants.get(g.agentId) ?? [];
    list.push({
      id: g.id,
      ...grantEntitlement(g),
      argumentRules: readRules(g.argumentRules),
      allowedResources: g.allowedResources,
      allowedPrompts: g.allowedPrompts,
    });
    server.grants.set(g.agentId, list);
  }
  return {
    version,
    agents: new Map(agents.map((a) => [a.clientId, a])),
    servers: new Map([...byId.values()].map((s) => [s.slug, s])),
  };
}
