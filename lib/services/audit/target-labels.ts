import { db } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";

type Target = { targetType: string | null; targetId: string | null };

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/**
 * Names for the entities audit rows point at ("salesforce-crm / update_record", "alice@corp.example"),
 * one query per entity type for the whole page. A target deleted since keeps its id, marked as such.
 */
export async function targetLabels(rows: Target[], p: PrismaClient = db()): Promise<Map<string, string>> {
  const ids = (type: string) => [
    ...new Set(rows.filter((r) => r.targetType === type && r.targetId && isUuid(r.targetId)).map((r) => r.targetId!)),
  ];
  const [
    servers,
    tools,
    agents,
    grants,
    users,
    tokens,
    teams,
    webhooks,
    requests,
    findings,
    campaigns,
    items,
    schedules,
    siemTargets,
    credentials,
  ] = await Promise.all([
    p.mcpServer.findMany({ where: { id: { in: ids("McpServer") } }, select: { id: true, slug: true } }),
    p.tool.findMany({
      where: { id: { in: ids("Tool") } },
      select: { id: true, name: true, server: { select: { slug: true } } },
    }),
    p.agent.findMany({ where: { id: { in: ids("Agent") } }, select: { id: true, clientId: true } }),
    p.grant.findMany({
      where: { id: { in: ids("Grant") } },
      select: { id: true, agent: { select: { clientId: true } }, server: { select: { slug: true } } },
    }),
    p.user.findMany({ where: { id: { in: ids("User") } }, select: { id: true, email: true } }),
    p.apiToken.findMany({ where: { id: { in: ids("ApiToken") } }, select: { id: true, name: true } }),
    p.team.findMany({ where: { id: { in: ids("Team") } }, select: { id: true, name: true } }),
    p.webhook.findMany({ where: { id: { in: ids("Webhook") } }, select: { id: true, name: true } }),
    p.approvalRequest.findMany({
      where: { id: { in: ids("ApprovalRequest") } },
      select: { id: true, kind: true, toolName: true, server: { select: { slug: true } } },
    }),
    p.finding.findMany({ where: { id: { in: ids("Finding") } }, select: { id: true, title: true } }),
    p.reviewCampaign.findMany({ where: { id: { in: ids("ReviewCampaign") } }, select: { id: true, name: true } }),
    p.reviewItem.findMany({
      where: { id: { in: ids("ReviewItem") } },
      select: { id: true, kind: true, serverSlug: true, agentClientId: true, campaign: { select: { period: true } } },
    }),
    p.reportSchedule.findMany({ where: { id: { in: ids("ReportSchedule") } }, select: { id: true, name: true } }),
    p.siemTarget.findMany({ where: { id: { in: ids("SiemTarget") } }, select: { id: true, name: true } }),
    p.credentialRef.findMany({
      where: { id: { in: ids("CredentialRef") } },
      select: { id: true, reference: true, server: { select: { slug: true } } },
    }),
  ]);
  const labels = new Map<string, string>();
  const put = (type: string, id: string, label: string) => labels.set(`${type}:${id}`, label);
  servers.forEach((s) => put("McpServer", s.id, s.slug));
  tools.forEach((t) => put("Tool", t.id, `${t.server.slug} / ${t.name}`));
  agents.forEach((a) => put("Agent", a.id, `agent ${a.clientId}`));
  grants.forEach((g) => put("Grant", g.id, `grant: ${g.agent.clientId} on ${g.server.slug}`));
  users.forEach((u) => put("User", u.id, u.email));
  tokens.forEach((t) => put("ApiToken", t.id, `token ${t.name}`));
  teams.forEach((t) => put("Team", t.id, `team ${t.name}`));
  webhooks.forEach((w) => put("Webhook", w.id, `webhook ${w.name}`));
  requests.forEach((r) =>
    put(
      "ApprovalRequest",
      r.id,
      `${r.kind.toLowerCase().replaceAll("_", " ")}${r.server ? `: ${r.server.slug}${r.toolName ? ` / ${r.toolName}` : ""}` : ""}`,
    ),
  );
  findings.forEach((f) => put("Finding", f.id, `finding: ${f.title}`));
  campaigns.forEach((c) => put("ReviewCampaign", c.id, `review ${c.name}`));
  items.forEach((i) =>
    put(
      "ReviewItem",
      i.id,
      `review item ${i.campaign.period}: ${i.kind.toLowerCase()} ${i.agentClientId ? `${i.agentClientId} on ` : "on "}${i.serverSlug}`,
    ),
  );
  schedules.forEach((r) => put("ReportSchedule", r.id, `report schedule ${r.name}`));
  siemTargets.forEach((t) => put("SiemTarget", t.id, `SIEM target ${t.name}`));
  credentials.forEach((c) => put("CredentialRef", c.id, `credential ${c.reference} on ${c.server.slug}`));
  put("Org", "1", "organisation settings");
  put("ReviewSettings", "1", "access review settings");
  return labels;
}

/** The label for one row: its name, or its type and a short id when the entity is gone. */
export function labelFor(labels: Map<string, string>, { targetType, targetId }: Target): string | null {
  if (!targetType) return null;
  return labels.get(`${targetType}:${targetId}`) ?? `${targetType} ${targetId?.slice(0, 8) ?? ""} (deleted)`;
}
