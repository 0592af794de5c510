import { diffLines } from "diff";
import { db } from "@/lib/db/client";
import { describeReason, type DescribedReason } from "@/lib/policy/describe-reason";
import { scannableDefinition, verdictSummary } from "@/lib/registry/poisoning/scan-tool-definition";
import { definitionOf, diffDefinitions, type ToolDefinition } from "@/lib/registry/tool-definition";
import { loadServerAggregate } from "@/lib/services/servers/load-server-aggregate";
import { registryScanners } from "@/lib/services/tools/shared/poisoning-scanner";

type Row = {
  id: string;
  kind: string;
  reason: string;
  serverId: string | null;
  toolName: string | null;
  requesterUserId: string | null;
  requesterLabel: string;
};

export type DiffPart = { value: string; added?: boolean; removed?: boolean };

/** What an approver needs beside the request itself to decide it without opening three other pages. */
export type ApprovalContext = {
  reason: DescribedReason;
  requestedBy: { label: string; name: string | null; teams: string[] };
  readiness?: { passing: number; total: number; failing: string[] };
  toolChange?: { fields: string[]; diff: DiffPart[]; hiddenInstructions: string | null };
};

const pretty = (d: ToolDefinition | null) =>
  d
    ? JSON.stringify(
        { name: d.name, description: d.description, inputSchema: d.inputSchema, annotations: d.annotations ?? null },
        null,
        2,
      )
    : "";

/** Builds each request's context in a few queries for the whole page, never one per card. */
export async function approvalContexts(rows: Row[]): Promise<Map<string, ApprovalContext>> {
  const userIds = [...new Set(rows.map((r) => r.requesterUserId).filter((id): id is string => !!id))];
  const users = await db().user.findMany({
    where: { id: { in: userIds } },
    select: { id: true, name: true, email: true, memberships: { select: { team: { select: { name: true } } } } },
  });
  const byUser = new Map(users.map((u) => [u.id, u]));

  const activationServers = [
    ...new Set(rows.filter((r) => r.kind === "SERVER_ACTIVATION" && r.serverId).map((r) => r.serverId!)),
  ];
  const readiness = new Map<string, ApprovalContext["readiness"]>();
  for (const id of activationServers) {
    const server = await loadServerAggregate(db(), { id });
    if (!server) continue;
    const failing = server.readiness.filter((i) => !i.pass).map((i) => i.label);
    readiness.set(id, { passing: server.readiness.length - failing.length, total: server.readiness.length, failing });
  }

  const changed = rows.filter((r) => r.kind === "TOOL_CHANGE" && r.serverId && r.toolName);
  const scanners = changed.length ? await registryScanners(db()) : null;
  const poisoningOf = (tool: Parameters<typeof scannableDefinition>[0] & { serverId: string }) => {
    const verdict = scanners!(tool.serverId)(scannableDefinition(tool));
    return verdict.flagged ? verdictSummary(verdict) : null;
  };
  const tools = changed.length
    ? await db().tool.findMany({
        where: { OR: changed.map((r) => ({ serverId: r.serverId!, name: r.toolName! })) },
      })
    : [];

  return new Map(
    rows.map((r) => {
      const user = r.requesterUserId ? byUser.get(r.requesterUserId) : undefined;
      const context: ApprovalContext = {
        reason: describeReason(r.reason),
        requestedBy: {
          label: user?.email ?? r.requesterLabel,
          name: user?.name ?? null,
          teams: user?.memberships.map((m) => m.team.name) ?? [],
        },
      };
      if (r.kind === "SERVER_ACTIVATION" && r.serverId) context.readiness = readiness.get(r.serverId);
      const tool =
        r.kind === "TOOL_CHANGE" ? tools.find((t) => t.serverId === r.serverId && t.name === r.toolName) : undefined;
      if (tool) {
        const before = tool.approvedDefinition as ToolDefinition | null;
        const after = definitionOf(tool);
        context.toolChange = {
          fields: diffDefinitions(before, after).map((c) => c.field),
          diff: diffLines(pretty(before), pretty(after)).map(({ value, added, removed }) => ({
            value,
            added,
            removed,
          })),
          hiddenInstructions: poisoningOf(tool),
        };
      }
      return [r.id, context];
    }),
  );
}
